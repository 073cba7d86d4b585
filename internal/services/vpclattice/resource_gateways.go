package vpclattice

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/vpclattice"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// ResourceGateways finds VPC Lattice resource gateways in a default group.
// The summaries carry no tags, so ManagedBy stays unread.
var ResourceGateways = usage.Finder{
	Name:    "vpclattice-resource-gateways",
	Service: "vpc-lattice",
	Reads:   "resource gateways' securityGroupIds (ListResourceGateways)",
	IAM:     []string{"vpc-lattice:ListResourceGateways"},
	Kinds:   []resource.Kind{ResourceGateway},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findResourceGateways(ctx, vpclattice.NewFromConfig(cfg), t)
	},
}

func findResourceGateways(ctx context.Context, api vpclattice.ListResourceGatewaysAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := vpclattice.NewListResourceGatewaysPaginator(api, &vpclattice.ListResourceGatewaysInput{MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, g := range page.Items {
			out = append(out, svc.Users(t, g.SecurityGroupIds, usage.Usage{Kind: usage.KindLive, ResourceKind: ResourceGateway,
				ResourceID: aws.ToString(g.Id), ARN: aws.ToString(g.Arn), Detail: aws.ToString(g.Name) + ", " + string(g.Status),
				Change: usage.ChangeInPlace})...)
		}
	}
	return out, nil
}
