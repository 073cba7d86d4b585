package redshift

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/redshift"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Endpoints finds Redshift-managed VPC endpoints of provisioned clusters
// in a default group; an endpoint may sit in another VPC than its cluster,
// with its own groups.
var Endpoints = usage.Finder{
	Name:    "redshift-endpoints",
	Service: "redshift",
	Reads:   "Redshift-managed VPC endpoints' VpcSecurityGroups (DescribeEndpointAccess)",
	IAM:     []string{"redshift:DescribeEndpointAccess"},
	Kinds:   []resource.Kind{EndpointAccess},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findEndpoints(ctx, redshift.NewFromConfig(cfg), t)
	},
}

func findEndpoints(ctx context.Context, api redshift.DescribeEndpointAccessAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := redshift.NewDescribeEndpointAccessPaginator(api, &redshift.DescribeEndpointAccessInput{MaxRecords: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, e := range page.EndpointAccessList {
			var ids []string
			for _, m := range e.VpcSecurityGroups {
				ids = append(ids, aws.ToString(m.VpcSecurityGroupId))
			}
			out = append(out, svc.Users(t, ids, usage.Usage{Kind: usage.KindLive, ResourceKind: EndpointAccess,
				ResourceID: aws.ToString(e.EndpointName),
				Detail:     "endpoint of cluster " + aws.ToString(e.ClusterIdentifier) + ", " + aws.ToString(e.EndpointStatus),
				Change:     usage.ChangeInPlace})...)
		}
	}
	return out, nil
}
