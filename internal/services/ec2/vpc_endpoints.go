package ec2

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// VPCEndpoints finds interface VPC endpoints in a default group
// (including those Transfer Family and MWAA create). Their interfaces are
// requester-managed, so the endpoint, not the interface, is what to change.
var VPCEndpoints = usage.Finder{
	Name:    "ec2-vpc-endpoints",
	Service: "ec2",
	Reads:   "interface VPC endpoints' Groups (DescribeVpcEndpoints filtered by vpc-endpoint-type=Interface)",
	IAM:     []string{"ec2:DescribeVpcEndpoints"},
	Kinds:   []resource.Kind{VPCEndpoint},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findVpcEndpoints(ctx, ec2.NewFromConfig(cfg), t)
	},
}

func findVpcEndpoints(ctx context.Context, api ec2.DescribeVpcEndpointsAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := ec2.NewDescribeVpcEndpointsPaginator(api, &ec2.DescribeVpcEndpointsInput{
		Filters: []types.Filter{{Name: aws.String("vpc-endpoint-type"), Values: []string{"Interface"}}}, MaxResults: aws.Int32(1000)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, ep := range page.VpcEndpoints {
			var ids []string
			for _, g := range ep.Groups {
				ids = append(ids, aws.ToString(g.GroupId))
			}
			for _, id := range svc.Matching(t, ids) {
				out = append(out, usage.Usage{GroupID: id, Kind: usage.KindLive,
					ResourceKind: VPCEndpoint, ResourceID: aws.ToString(ep.VpcEndpointId),
					Detail: "interface endpoint for " + aws.ToString(ep.ServiceName), ManagedBy: svc.ManagedBy(ep.Tags),
					Change: usage.ChangeInPlace})
			}
		}
	}
	return out, nil
}
