package redshiftserverless

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	rss "github.com/aws/aws-sdk-go-v2/service/redshiftserverless"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Endpoints finds Redshift Serverless managed VPC endpoints (endpoint
// access, possibly in another VPC than their workgroup's) in a default
// group.
var Endpoints = usage.Finder{
	Name:    "redshift-serverless-endpoints",
	Service: "redshift-serverless",
	Reads:   "managed VPC endpoints' vpcSecurityGroups (ListEndpointAccess)",
	IAM:     []string{"redshift-serverless:ListEndpointAccess"},
	Kinds:   []resource.Kind{EndpointAccess},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findEndpoints(ctx, rss.NewFromConfig(cfg), t)
	},
}

func findEndpoints(ctx context.Context, api rss.ListEndpointAccessAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := rss.NewListEndpointAccessPaginator(api, &rss.ListEndpointAccessInput{MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, e := range page.Endpoints {
			var ids []string
			for _, m := range e.VpcSecurityGroups {
				ids = append(ids, aws.ToString(m.VpcSecurityGroupId))
			}
			out = append(out, svc.Users(t, ids, usage.Usage{Kind: usage.KindLive, ResourceKind: EndpointAccess,
				ResourceID: aws.ToString(e.EndpointName), ARN: aws.ToString(e.EndpointArn),
				Detail: "endpoint of workgroup " + aws.ToString(e.WorkgroupName) + ", " + aws.ToString(e.EndpointStatus),
				Change: usage.ChangeInPlace})...)
		}
	}
	return out, nil
}
