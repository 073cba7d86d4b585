package sim

import (
	"context"
	"testing"
)

func TestThrottleRegionsLimitsThrottling(t *testing.T) {
	l := newFaultLayer(Faults{ThrottleRate: 1, ThrottleRegions: []string{"ap-southeast-2"}, Seed: 1}, nil)
	busy := &call{Region: "ap-southeast-2", Service: "ec2", Action: "DescribeVpcs"}
	calm := &call{Region: "eu-west-1", Service: "ec2", Action: "DescribeVpcs"}
	if e := l.apply(context.Background(), busy, ec2Query.errors); e == nil || e.Code != "RequestLimitExceeded" {
		t.Fatalf("busy region: %v", e)
	}
	if e := l.apply(context.Background(), calm, ec2Query.errors); e != nil {
		t.Fatalf("calm region throttled: %v", e)
	}
}
