package elb

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbv2types "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// ELBv2API is what the ELBv2 finder calls.
type ELBv2API interface {
	elbv2.DescribeLoadBalancersAPIClient
	DescribeTags(ctx context.Context, in *elbv2.DescribeTagsInput, opts ...func(*elbv2.Options)) (*elbv2.DescribeTagsOutput, error)
}

// ELBv2LoadBalancers finds application and network load balancers in a
// default group. Their interfaces carry it now, so they are live users;
// SetSecurityGroups moves them in place.
var ELBv2LoadBalancers = usage.Finder{
	Name:    "elbv2-load-balancers",
	Service: "elasticloadbalancing",
	Reads:   "application and network load balancers' SecurityGroups (DescribeLoadBalancers, DescribeTags for managed-by)",
	IAM:     []string{"elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeTags"},
	Kinds:   []resource.Kind{ApplicationLoadBalancer, NetworkLoadBalancer, GatewayLoadBalancer},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findELBv2(ctx, elbv2.NewFromConfig(cfg), t)
	},
}

func findELBv2(ctx context.Context, api ELBv2API, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	var arns []string
	p := elbv2.NewDescribeLoadBalancersPaginator(api, &elbv2.DescribeLoadBalancersInput{PageSize: aws.Int32(400)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, lb := range page.LoadBalancers {
			us := svc.Users(t, lb.SecurityGroups, usage.Usage{Kind: usage.KindLive,
				ResourceKind: kindOfType(lb.Type), ResourceID: aws.ToString(lb.LoadBalancerName),
				ARN: aws.ToString(lb.LoadBalancerArn), Detail: "in " + aws.ToString(lb.VpcId), Change: usage.ChangeInPlace})
			if len(us) > 0 {
				arns = append(arns, aws.ToString(lb.LoadBalancerArn))
			}
			out = append(out, us...)
		}
	}
	// Tags only for the users found: DescribeTags takes 20 resources a call.
	owner := map[string]string{}
	for _, batch := range svc.Chunks(arns, 20) {
		res, err := api.DescribeTags(ctx, &elbv2.DescribeTagsInput{ResourceArns: batch})
		if err != nil {
			return out, err
		}
		for _, d := range res.TagDescriptions {
			owner[aws.ToString(d.ResourceArn)] = svc.ManagedBy(svc.TagsOf(d.Tags, func(tag elbv2types.Tag) (*string, *string) { return tag.Key, tag.Value }))
		}
	}
	for i := range out {
		out[i].ManagedBy = owner[out[i].ARN]
	}
	return out, nil
}

// kindOfType is the kind of an ELBv2 load balancer type.
func kindOfType(t elbv2types.LoadBalancerTypeEnum) resource.Kind {
	switch t {
	case elbv2types.LoadBalancerTypeEnumNetwork:
		return NetworkLoadBalancer
	case elbv2types.LoadBalancerTypeEnumGateway:
		return GatewayLoadBalancer
	}
	return ApplicationLoadBalancer
}
