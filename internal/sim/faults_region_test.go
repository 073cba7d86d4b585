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

func TestThrottleServicesLimitsThrottling(t *testing.T) {
	l := newFaultLayer(Faults{ThrottleRate: 1, ThrottleServices: []string{"ec2"}, Seed: 1}, nil)
	if e := l.apply(context.Background(), &call{Region: "eu-west-1", Service: "ec2", Action: "DescribeVpcs"}, ec2Query.errors); e == nil {
		t.Fatal("ec2 not throttled")
	}
	if e := l.apply(context.Background(), &call{Region: "eu-west-1", Service: "lambda", Action: "ListFunctions"}, jsonErrors); e != nil {
		t.Fatalf("lambda throttled: %v", e)
	}
}

func TestThrottleFirstThrottlesABurstThenNothing(t *testing.T) {
	l := newFaultLayer(Faults{ThrottleFirst: 2, ThrottleRegions: []string{"ap-southeast-2"}}, nil)
	c := &call{Region: "ap-southeast-2", Service: "ec2", Action: "DescribeVpcs"}
	other := &call{Region: "eu-west-1", Service: "ec2", Action: "DescribeVpcs"}
	if e := l.apply(context.Background(), other, ec2Query.errors); e != nil {
		t.Fatalf("another region throttled: %v", e)
	}
	for i, want := range []bool{true, true, false, false} {
		e := l.apply(context.Background(), c, ec2Query.errors)
		if (e != nil) != want {
			t.Fatalf("call %d: throttled %v, want %v", i+1, e != nil, want)
		}
	}
}
