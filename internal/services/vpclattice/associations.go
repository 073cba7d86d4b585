package vpclattice

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/vpclattice"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// AssociationsAPI is what finding service-network VPC associations calls.
type AssociationsAPI interface {
	vpclattice.ListServiceNetworkVpcAssociationsAPIClient
	GetServiceNetworkVpcAssociation(ctx context.Context, in *vpclattice.GetServiceNetworkVpcAssociationInput, opts ...func(*vpclattice.Options)) (*vpclattice.GetServiceNetworkVpcAssociationOutput, error)
}

// ServiceNetworkVPCAssociations finds the associations of the target
// groups' VPCs whose securityGroupIds name a default group. The list call
// needs a VPC or a service network and its items carry no groups, so it
// is one listing per target VPC and one Get per association. An
// association without groups has none: AWS adds no default.
var ServiceNetworkVPCAssociations = usage.Finder{
	Name:    "vpclattice-service-network-vpc-associations",
	Service: "vpc-lattice",
	Reads:   "the securityGroupIds of each target VPC's service-network associations (ListServiceNetworkVpcAssociations by vpcIdentifier, GetServiceNetworkVpcAssociation)",
	IAM:     []string{"vpc-lattice:ListServiceNetworkVpcAssociations", "vpc-lattice:GetServiceNetworkVpcAssociation"},
	Kinds:   []resource.Kind{ServiceNetworkVPCAssociation},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findAssociations(ctx, vpclattice.NewFromConfig(cfg), t)
	},
}

func findAssociations(ctx context.Context, api AssociationsAPI, t usage.Target) ([]usage.Usage, error) {
	var vpcs []string
	for _, g := range t.GroupIDs {
		if v := t.VpcOf[g]; v != "" && !slices.Contains(vpcs, v) {
			vpcs = append(vpcs, v)
		}
	}
	slices.Sort(vpcs)
	var out []usage.Usage
	for _, vpc := range vpcs {
		p := vpclattice.NewListServiceNetworkVpcAssociationsPaginator(api, &vpclattice.ListServiceNetworkVpcAssociationsInput{
			VpcIdentifier: aws.String(vpc), MaxResults: aws.Int32(100)})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return out, err
			}
			for _, s := range page.Items {
				a, err := api.GetServiceNetworkVpcAssociation(ctx, &vpclattice.GetServiceNetworkVpcAssociationInput{ServiceNetworkVpcAssociationIdentifier: s.Id})
				if err != nil {
					return out, err
				}
				out = append(out, svc.Users(t, a.SecurityGroupIds, usage.Usage{Kind: usage.KindLatent,
					ResourceKind: ServiceNetworkVPCAssociation, ResourceID: aws.ToString(a.Id), ARN: aws.ToString(a.Arn),
					Change: usage.ChangeInPlace,
					Detail: "associates " + aws.ToString(a.VpcId) + " with service network " + aws.ToString(a.ServiceNetworkName) +
						": its groups filter the VPC's traffic to the network, with no interface"})...)
			}
		}
	}
	return out, nil
}
