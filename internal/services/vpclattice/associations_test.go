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

// fakeAssociations serves, per VPC, one association a page.
type fakeAssociations struct {
	byVPC  map[string][]string // vpc -> association ids
	groups map[string][]string // association -> groups
	listed []string            // VPCs asked for
}

func (f *fakeAssociations) ListServiceNetworkVpcAssociations(_ context.Context, in *vpclattice.ListServiceNetworkVpcAssociationsInput, _ ...func(*vpclattice.Options)) (*vpclattice.ListServiceNetworkVpcAssociationsOutput, error) {
	vpc := aws.ToString(in.VpcIdentifier)
	if in.NextToken == nil {
		f.listed = append(f.listed, vpc)
	}
	ids := f.byVPC[vpc]
	i := len(aws.ToString(in.NextToken))
	out := &vpclattice.ListServiceNetworkVpcAssociationsOutput{}
	if i < len(ids) {
		out.Items = []types.ServiceNetworkVpcAssociationSummary{{Id: aws.String(ids[i])}}
	}
	if i+1 < len(ids) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func (f *fakeAssociations) GetServiceNetworkVpcAssociation(_ context.Context, in *vpclattice.GetServiceNetworkVpcAssociationInput, _ ...func(*vpclattice.Options)) (*vpclattice.GetServiceNetworkVpcAssociationOutput, error) {
	id := aws.ToString(in.ServiceNetworkVpcAssociationIdentifier)
	g, ok := f.groups[id]
	if !ok {
		return nil, svctest.Unexpected("GetServiceNetworkVpcAssociation " + id)
	}
	return &vpclattice.GetServiceNetworkVpcAssociationOutput{Id: aws.String(id), Arn: aws.String("arn:" + id), SecurityGroupIds: g}, nil
}

func TestAssociationsOfTargetVPCs(t *testing.T) {
	target := svctest.Target
	target.VpcOf = map[string]string{"sg-def": "vpc-1", "sg-def2": "vpc-2"}
	f := &fakeAssociations{
		byVPC:  map[string][]string{"vpc-1": {"snva-1", "snva-2"}, "vpc-2": {"snva-3"}},
		groups: map[string][]string{"snva-1": {"sg-x", "sg-def"}, "snva-2": nil, "snva-3": {"sg-x"}},
	}
	us, err := findAssociations(context.Background(), f, target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:snva-1:latent" {
		t.Fatalf("got %s", got)
	}
	if len(f.listed) != 2 || f.listed[0] != "vpc-1" || f.listed[1] != "vpc-2" {
		t.Fatalf("listed %v", f.listed)
	}
	if us[0].ResourceKind != ServiceNetworkVPCAssociation || us[0].Change != usage.ChangeInPlace {
		t.Fatalf("%+v", us[0])
	}
}
