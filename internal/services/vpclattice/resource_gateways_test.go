package vpclattice

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/vpclattice"
	"github.com/aws/aws-sdk-go-v2/service/vpclattice/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

type fakeLattice struct {
	gateways []types.ResourceGatewaySummary
}

func (f *fakeLattice) ListResourceGateways(_ context.Context, in *vpclattice.ListResourceGatewaysInput, _ ...func(*vpclattice.Options)) (*vpclattice.ListResourceGatewaysOutput, error) {
	i := len(aws.ToString(in.NextToken))
	out := &vpclattice.ListResourceGatewaysOutput{Items: f.gateways[i : i+1]}
	if i+1 < len(f.gateways) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func TestResourceGatewaysAcrossPages(t *testing.T) {
	gw := func(id string, groups ...string) types.ResourceGatewaySummary {
		return types.ResourceGatewaySummary{Id: aws.String(id), Name: aws.String("gw-" + id), Status: types.ResourceGatewayStatusActive, SecurityGroupIds: groups}
	}
	f := &fakeLattice{gateways: []types.ResourceGatewaySummary{gw("rgw-1", "sg-app", "sg-def"), gw("rgw-2", "sg-app"), gw("rgw-3", "sg-def2")}}
	us, err := findResourceGateways(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:rgw-1:live sg-def2:rgw-3:live" {
		t.Fatalf("got %s", got)
	}
	if us[0].ResourceKind != ResourceGateway || us[0].Change != usage.ChangeInPlace || us[0].Detail != "gw-rgw-1, ACTIVE" {
		t.Fatalf("rgw-1: %+v", us[0])
	}
}
