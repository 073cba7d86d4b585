package movers

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancing"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
)

// ELBv2LoadBalancers moves an application or network load balancer (a
// network load balancer created without groups cannot get any, so it is
// never a user).
var ELBv2LoadBalancers = Mover{
	Types: []string{"Load balancer (application)", "Load balancer (network)"},
	API:   "elasticloadbalancing:SetSecurityGroups",
	IAM:   []string{"elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:SetSecurityGroups"},
	Targets: func(ctx context.Context, cfg aws.Config, r Resource, group string) ([]Target, error) {
		in := &elbv2.DescribeLoadBalancersInput{Names: []string{r.ID}}
		if r.ARN != "" {
			in = &elbv2.DescribeLoadBalancersInput{LoadBalancerArns: []string{r.ARN}}
		}
		out, err := elbv2.NewFromConfig(cfg).DescribeLoadBalancers(ctx, in)
		if err != nil {
			return nil, opErr("elasticloadbalancing:DescribeLoadBalancers", err)
		}
		if len(out.LoadBalancers) == 0 {
			return nil, opErr("elasticloadbalancing:DescribeLoadBalancers", ErrNotFound)
		}
		lb := out.LoadBalancers[0]
		return one(aws.ToString(lb.LoadBalancerArn), lb.SecurityGroups, group), nil
	},
	Move:    swapWith(setELBv2),
	Restore: restoreWith(setELBv2),
}

func setELBv2(ctx context.Context, cfg aws.Config, r Resource, t Target, groups []string) error {
	_, err := elbv2.NewFromConfig(cfg).SetSecurityGroups(ctx, &elbv2.SetSecurityGroupsInput{
		LoadBalancerArn: aws.String(t.ID), SecurityGroups: groups})
	return opErr("elasticloadbalancing:SetSecurityGroups", err)
}

// ClassicLoadBalancers moves a classic load balancer in a VPC.
var ClassicLoadBalancers = Mover{
	Types: []string{"Classic load balancer"},
	API:   "elasticloadbalancing:ApplySecurityGroupsToLoadBalancer",
	IAM:   []string{"elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:ApplySecurityGroupsToLoadBalancer"},
	Targets: func(ctx context.Context, cfg aws.Config, r Resource, group string) ([]Target, error) {
		out, err := elb.NewFromConfig(cfg).DescribeLoadBalancers(ctx, &elb.DescribeLoadBalancersInput{LoadBalancerNames: []string{r.ID}})
		if err != nil {
			return nil, opErr("elasticloadbalancing:DescribeLoadBalancers", err)
		}
		if len(out.LoadBalancerDescriptions) == 0 {
			return nil, opErr("elasticloadbalancing:DescribeLoadBalancers", ErrNotFound)
		}
		return one(r.ID, out.LoadBalancerDescriptions[0].SecurityGroups, group), nil
	},
	Move:    swapWith(setClassic),
	Restore: restoreWith(setClassic),
}

func setClassic(ctx context.Context, cfg aws.Config, r Resource, t Target, groups []string) error {
	_, err := elb.NewFromConfig(cfg).ApplySecurityGroupsToLoadBalancer(ctx, &elb.ApplySecurityGroupsToLoadBalancerInput{
		LoadBalancerName: aws.String(r.ID), SecurityGroups: groups})
	return opErr("elasticloadbalancing:ApplySecurityGroupsToLoadBalancer", err)
}
