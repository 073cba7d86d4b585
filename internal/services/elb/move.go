package elb

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancing"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// elbv2Mover moves an application or network load balancer (a
// network load balancer created without groups cannot get any, so it is
// never a user).
var elbv2Mover = svc.Mover{
	API:  "elasticloadbalancing:SetSecurityGroups",
	ARNs: []string{"arn:aws:elasticloadbalancing:*:*:loadbalancer/app/*/*", "arn:aws:elasticloadbalancing:*:*:loadbalancer/net/*/*"},
	IAM:  []string{"elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:SetSecurityGroups"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		in := &elbv2.DescribeLoadBalancersInput{Names: []string{r.ID}}
		if r.ARN != "" {
			in = &elbv2.DescribeLoadBalancersInput{LoadBalancerArns: []string{r.ARN}}
		}
		out, err := elbv2.NewFromConfig(cfg).DescribeLoadBalancers(ctx, in)
		if err != nil {
			return nil, svc.OpErr("elasticloadbalancing:DescribeLoadBalancers", err)
		}
		if len(out.LoadBalancers) == 0 {
			return nil, svc.OpErr("elasticloadbalancing:DescribeLoadBalancers", svc.ErrNotFound)
		}
		lb := out.LoadBalancers[0]
		return svc.One(aws.ToString(lb.LoadBalancerArn), lb.SecurityGroups, group), nil
	},
	Move:    svc.SwapWith(setELBv2),
	Restore: svc.RestoreWith(setELBv2),
}

func setELBv2(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	_, err := elbv2.NewFromConfig(cfg).SetSecurityGroups(ctx, &elbv2.SetSecurityGroupsInput{
		LoadBalancerArn: aws.String(t.ID), SecurityGroups: groups})
	return svc.OpErr("elasticloadbalancing:SetSecurityGroups", err)
}

// classicMover moves a classic load balancer in a VPC.
var classicMover = svc.Mover{
	API:  "elasticloadbalancing:ApplySecurityGroupsToLoadBalancer",
	ARNs: []string{"arn:aws:elasticloadbalancing:*:*:loadbalancer/*"},
	IAM:  []string{"elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:ApplySecurityGroupsToLoadBalancer"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		out, err := elb.NewFromConfig(cfg).DescribeLoadBalancers(ctx, &elb.DescribeLoadBalancersInput{LoadBalancerNames: []string{r.ID}})
		if err != nil {
			return nil, svc.OpErr("elasticloadbalancing:DescribeLoadBalancers", err)
		}
		if len(out.LoadBalancerDescriptions) == 0 {
			return nil, svc.OpErr("elasticloadbalancing:DescribeLoadBalancers", svc.ErrNotFound)
		}
		return svc.One(r.ID, out.LoadBalancerDescriptions[0].SecurityGroups, group), nil
	},
	Move:    svc.SwapWith(setClassic),
	Restore: svc.RestoreWith(setClassic),
}

func setClassic(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	_, err := elb.NewFromConfig(cfg).ApplySecurityGroupsToLoadBalancer(ctx, &elb.ApplySecurityGroupsToLoadBalancerInput{
		LoadBalancerName: aws.String(r.ID), SecurityGroups: groups})
	return svc.OpErr("elasticloadbalancing:ApplySecurityGroupsToLoadBalancer", err)
}
