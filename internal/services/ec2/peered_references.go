package ec2

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// PeeredReferencesAPI is what the peered reference finder calls.
type PeeredReferencesAPI interface {
	DescribeSecurityGroupReferences(ctx context.Context, in *ec2.DescribeSecurityGroupReferencesInput, opts ...func(*ec2.Options)) (*ec2.DescribeSecurityGroupReferencesOutput, error)
}

// PeeredReferences finds rules in peered VPCs, or across a transit
// gateway, that reference a default group. Those rules live in other VPCs
// (often other accounts), where the same-account rule search cannot see.
var PeeredReferences = usage.Finder{
	Name:    "ec2-peered-references",
	Service: "ec2",
	Reads:   "rules in peered or transit-gateway VPCs that reference a default group (DescribeSecurityGroupReferences)",
	IAM:     []string{"ec2:DescribeSecurityGroupReferences"},
	Kinds:   []resource.Kind{PeeredVPCRule},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findPeeredReferences(ctx, ec2.NewFromConfig(cfg), t)
	},
}

func findPeeredReferences(ctx context.Context, api PeeredReferencesAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	for _, ids := range svc.Chunks(t.GroupIDs, 200) { // the API is not paginated; keep requests small
		res, err := api.DescribeSecurityGroupReferences(ctx, &ec2.DescribeSecurityGroupReferencesInput{GroupId: ids})
		if err != nil {
			return out, err
		}
		for _, r := range res.SecurityGroupReferenceSet {
			id := aws.ToString(r.GroupId)
			if !t.Has(id) {
				continue
			}
			via := "peering " + aws.ToString(r.VpcPeeringConnectionId)
			if r.TransitGatewayId != nil {
				via = "transit gateway " + aws.ToString(r.TransitGatewayId)
			}
			out = append(out, usage.Usage{GroupID: id, Kind: usage.KindReference,
				ResourceKind: PeeredVPCRule, ResourceID: aws.ToString(r.ReferencingVpcId),
				Detail: "a rule in " + aws.ToString(r.ReferencingVpcId) + " references it via " + via,
				Change: usage.ChangeInPlace})
		}
	}
	return out, nil
}
