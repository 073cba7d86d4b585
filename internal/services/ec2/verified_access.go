package ec2

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// VerifiedAccessEndpoints finds Verified Access endpoints in a default
// group. ModifyVerifiedAccessEndpoint has no group field: the groups are
// fixed at creation.
var VerifiedAccessEndpoints = usage.Finder{
	Name:    "ec2-verified-access-endpoints",
	Service: "ec2",
	Reads:   "Verified Access endpoints' SecurityGroupIds (DescribeVerifiedAccessEndpoints)",
	IAM:     []string{"ec2:DescribeVerifiedAccessEndpoints"},
	Kinds:   []resource.Kind{VerifiedAccessEndpoint},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findVerifiedAccessEndpoints(ctx, ec2.NewFromConfig(cfg), t)
	},
}

func findVerifiedAccessEndpoints(ctx context.Context, api ec2.DescribeVerifiedAccessEndpointsAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := ec2.NewDescribeVerifiedAccessEndpointsPaginator(api, &ec2.DescribeVerifiedAccessEndpointsInput{MaxResults: aws.Int32(1000)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, ep := range page.VerifiedAccessEndpoints {
			out = append(out, svc.Users(t, ep.SecurityGroupIds, usage.Usage{Kind: usage.KindLive,
				ResourceKind: VerifiedAccessEndpoint, ResourceID: aws.ToString(ep.VerifiedAccessEndpointId),
				Detail:    string(ep.EndpointType) + " endpoint of " + aws.ToString(ep.VerifiedAccessGroupId),
				ManagedBy: svc.ManagedBy(ep.Tags), Change: usage.ChangeReplacement})...)
		}
	}
	return out, nil
}
