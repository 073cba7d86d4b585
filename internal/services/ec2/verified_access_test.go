package ec2

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

type fakeVerifiedAccess struct {
	endpoints []types.VerifiedAccessEndpoint
}

func (f *fakeVerifiedAccess) DescribeVerifiedAccessEndpoints(_ context.Context, in *ec2.DescribeVerifiedAccessEndpointsInput, _ ...func(*ec2.Options)) (*ec2.DescribeVerifiedAccessEndpointsOutput, error) {
	i := len(aws.ToString(in.NextToken))
	out := &ec2.DescribeVerifiedAccessEndpointsOutput{VerifiedAccessEndpoints: f.endpoints[i : i+1]}
	if i+1 < len(f.endpoints) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func TestVerifiedAccessEndpointsAcrossPages(t *testing.T) {
	ep := func(id string, groups ...string) types.VerifiedAccessEndpoint {
		return types.VerifiedAccessEndpoint{VerifiedAccessEndpointId: aws.String(id), VerifiedAccessGroupId: aws.String("vagr-1"),
			EndpointType: types.VerifiedAccessEndpointTypeLoadBalancer, SecurityGroupIds: groups}
	}
	f := &fakeVerifiedAccess{endpoints: []types.VerifiedAccessEndpoint{ep("vae-1", "sg-app", "sg-def"), ep("vae-2", "sg-app"), ep("vae-3", "sg-def2")}}
	f.endpoints[0].Tags = []types.Tag{{Key: aws.String("aws:cloudformation:stack-name"), Value: aws.String("zt")}}
	us, err := findVerifiedAccessEndpoints(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:vae-1:live sg-def2:vae-3:live" {
		t.Fatalf("got %s", got)
	}
	if us[0].ManagedBy != "cloudformation:zt" || us[0].ResourceKind != VerifiedAccessEndpoint || us[0].Change != usage.ChangeReplacement {
		t.Fatalf("vae-1: %+v", us[0])
	}
}
