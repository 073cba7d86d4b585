package elb

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancing"
	elbtypes "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancing/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// ClassicELBAPI is what the classic load balancer finder calls.
type ClassicELBAPI interface {
	elb.DescribeLoadBalancersAPIClient
	DescribeTags(ctx context.Context, in *elb.DescribeTagsInput, opts ...func(*elb.Options)) (*elb.DescribeTagsOutput, error)
}

// ClassicLoadBalancers finds classic load balancers in a default group
// (ApplySecurityGroupsToLoadBalancer moves them in place).
var ClassicLoadBalancers = usage.Finder{
	Name:    "elb-classic-load-balancers",
	Service: "elasticloadbalancing",
	Reads:   "classic load balancers' SecurityGroups (DescribeLoadBalancers 2012-06-01, DescribeTags for managed-by)",
	IAM:     []string{"elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeTags"},
	Kinds:   []resource.Kind{ClassicLoadBalancer},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findClassicELB(ctx, elb.NewFromConfig(cfg), t)
	},
}

func findClassicELB(ctx context.Context, api ClassicELBAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	var names []string
	p := elb.NewDescribeLoadBalancersPaginator(api, &elb.DescribeLoadBalancersInput{PageSize: aws.Int32(400)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, lb := range page.LoadBalancerDescriptions {
			us := svc.Users(t, lb.SecurityGroups, usage.Usage{Kind: usage.KindLive,
				ResourceKind: ClassicLoadBalancer, ResourceID: aws.ToString(lb.LoadBalancerName),
				Detail: "in " + aws.ToString(lb.VPCId), Change: usage.ChangeInPlace})
			if len(us) > 0 {
				names = append(names, aws.ToString(lb.LoadBalancerName))
			}
			out = append(out, us...)
		}
	}
	owner := map[string]string{}
	for _, batch := range svc.Chunks(names, 20) {
		res, err := api.DescribeTags(ctx, &elb.DescribeTagsInput{LoadBalancerNames: batch})
		if err != nil {
			return out, err
		}
		for _, d := range res.TagDescriptions {
			owner[aws.ToString(d.LoadBalancerName)] = svc.ManagedBy(svc.TagsOf(d.Tags, func(tag elbtypes.Tag) (*string, *string) { return tag.Key, tag.Value }))
		}
	}
	for i := range out {
		out[i].ManagedBy = owner[out[i].ResourceID]
	}
	return out, nil
}
