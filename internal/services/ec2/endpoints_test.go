package ec2

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

// fakeEndpoints serves the endpoint and reference reads from fixed lists.
type fakeEndpoints struct {
	vpce  []types.VpcEndpoint
	eice  []types.Ec2InstanceConnectEndpoint
	cvpn  []types.ClientVpnEndpoint
	refs  []types.SecurityGroupReference
	asked [][]string
}

func (f *fakeEndpoints) DescribeVpcEndpoints(_ context.Context, in *ec2.DescribeVpcEndpointsInput, _ ...func(*ec2.Options)) (*ec2.DescribeVpcEndpointsOutput, error) {
	if len(in.Filters) != 1 || aws.ToString(in.Filters[0].Name) != "vpc-endpoint-type" {
		return nil, svctest.Unexpected("DescribeVpcEndpoints without the type filter")
	}
	return &ec2.DescribeVpcEndpointsOutput{VpcEndpoints: f.vpce}, nil
}

func (f *fakeEndpoints) DescribeInstanceConnectEndpoints(context.Context, *ec2.DescribeInstanceConnectEndpointsInput, ...func(*ec2.Options)) (*ec2.DescribeInstanceConnectEndpointsOutput, error) {
	return &ec2.DescribeInstanceConnectEndpointsOutput{InstanceConnectEndpoints: f.eice}, nil
}

func (f *fakeEndpoints) DescribeClientVpnEndpoints(context.Context, *ec2.DescribeClientVpnEndpointsInput, ...func(*ec2.Options)) (*ec2.DescribeClientVpnEndpointsOutput, error) {
	return &ec2.DescribeClientVpnEndpointsOutput{ClientVpnEndpoints: f.cvpn}, nil
}

func (f *fakeEndpoints) DescribeSecurityGroupReferences(_ context.Context, in *ec2.DescribeSecurityGroupReferencesInput, _ ...func(*ec2.Options)) (*ec2.DescribeSecurityGroupReferencesOutput, error) {
	f.asked = append(f.asked, in.GroupId)
	out := &ec2.DescribeSecurityGroupReferencesOutput{}
	for _, r := range f.refs {
		for _, id := range in.GroupId {
			if id == aws.ToString(r.GroupId) {
				out.SecurityGroupReferenceSet = append(out.SecurityGroupReferenceSet, r)
			}
		}
	}
	return out, nil
}

func TestEndpointFinders(t *testing.T) {
	f := &fakeEndpoints{
		vpce: []types.VpcEndpoint{{VpcEndpointId: aws.String("vpce-1"), Groups: []types.SecurityGroupIdentifier{{GroupId: aws.String("sg-x")}, {GroupId: aws.String("sg-def")}}},
			{VpcEndpointId: aws.String("vpce-2"), Groups: []types.SecurityGroupIdentifier{{GroupId: aws.String("sg-x")}}}},
		eice: []types.Ec2InstanceConnectEndpoint{{InstanceConnectEndpointId: aws.String("eice-1"), SecurityGroupIds: []string{"sg-def2"}}},
		cvpn: []types.ClientVpnEndpoint{{ClientVpnEndpointId: aws.String("cvpn-endpoint-1"), SecurityGroupIds: []string{"sg-x"}},
			{ClientVpnEndpointId: aws.String("cvpn-endpoint-2"), SecurityGroupIds: []string{"sg-def"}}},
	}
	ctx := context.Background()
	vpce, err1 := findVpcEndpoints(ctx, f, svctest.Target)
	eice, err2 := findInstanceConnectEndpoints(ctx, f, svctest.Target)
	cvpn, err3 := findClientVpnEndpoints(ctx, f, svctest.Target)
	if err := errors.Join(err1, err2, err3); err != nil {
		t.Fatal(err)
	}
	for _, c := range [][2]string{
		{svctest.IDs(vpce), "sg-def:vpce-1:live"},
		{svctest.IDs(eice), "sg-def2:eice-1:live"},
		{svctest.IDs(cvpn), "sg-def:cvpn-endpoint-2:latent"},
	} {
		if c[0] != c[1] {
			t.Errorf("got %q, want %q", c[0], c[1])
		}
	}
}

func TestPeeredReferencesAskInChunksAndNameTheVia(t *testing.T) {
	many := svctest.Target
	many.GroupIDs = nil
	for i := 0; i < 250; i++ {
		many.GroupIDs = append(many.GroupIDs, "sg-"+string(rune('a'+i%26))+string(rune('a'+i/26)))
	}
	many.GroupIDs = append(many.GroupIDs, "sg-def")
	f := &fakeEndpoints{refs: []types.SecurityGroupReference{
		{GroupId: aws.String("sg-def"), ReferencingVpcId: aws.String("vpc-peer"), VpcPeeringConnectionId: aws.String("pcx-1")},
		{GroupId: aws.String("sg-aa"), ReferencingVpcId: aws.String("vpc-tgw"), TransitGatewayId: aws.String("tgw-1")},
	}}
	us, err := findPeeredReferences(context.Background(), f, many)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.asked) != 2 || len(f.asked[0]) != 200 || len(f.asked[1]) != 51 {
		t.Fatalf("asked in %d calls", len(f.asked))
	}
	if got := svctest.IDs(us); got != "sg-aa:vpc-tgw:reference sg-def:vpc-peer:reference" ||
		us[0].Detail != "a rule in vpc-tgw references it via transit gateway tgw-1" || us[1].Detail != "a rule in vpc-peer references it via peering pcx-1" {
		t.Fatalf("got %q / %q / %q", got, us[0].Detail, us[1].Detail)
	}
}
