package ec2

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// vpcEndpointMover moves an interface endpoint; EC2 moves its interfaces.
var vpcEndpointMover = svc.Mover{
	API:  "ec2:ModifyVpcEndpoint",
	ARNs: []string{"arn:aws:ec2:*:*:vpc-endpoint/*", "arn:aws:ec2:*:*:security-group/*"},
	IAM:  []string{"ec2:DescribeVpcEndpoints", "ec2:ModifyVpcEndpoint"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		cur, err := endpointGroups(ctx, ec2.NewFromConfig(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		return svc.One(r.ID, cur, group), nil
	},
	Move: func(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, from, to string) error {
		return modifyEndpoint(ctx, ec2.NewFromConfig(cfg), r.ID, t.Groups, from, to, false)
	},
	Restore: func(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target) error {
		api := ec2.NewFromConfig(cfg)
		cur, err := endpointGroups(ctx, api, r.ID)
		if err != nil {
			return err
		}
		in := &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(r.ID)}
		for _, g := range t.Groups {
			if !slices.Contains(cur, g) {
				in.AddSecurityGroupIds = append(in.AddSecurityGroupIds, g)
			}
		}
		for _, g := range cur {
			if !slices.Contains(t.Groups, g) {
				in.RemoveSecurityGroupIds = append(in.RemoveSecurityGroupIds, g)
			}
		}
		if len(in.AddSecurityGroupIds)+len(in.RemoveSecurityGroupIds) == 0 {
			return nil
		}
		_, err = api.ModifyVpcEndpoint(ctx, in)
		return svc.OpErr("ec2:ModifyVpcEndpoint", err)
	},
	DryRun: func(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, from, to string) error {
		return modifyEndpoint(ctx, ec2.NewFromConfig(cfg), r.ID, t.Groups, from, to, true)
	},
}

func endpointGroups(ctx context.Context, api *ec2.Client, id string) ([]string, error) {
	out, err := api.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{id}})
	if err != nil {
		return nil, svc.OpErr("ec2:DescribeVpcEndpoints", err)
	}
	if len(out.VpcEndpoints) == 0 {
		return nil, svc.OpErr("ec2:DescribeVpcEndpoints", svc.ErrNotFound)
	}
	var ids []string
	for _, g := range out.VpcEndpoints[0].Groups {
		ids = append(ids, aws.ToString(g.GroupId))
	}
	return ids, nil
}

// modifyEndpoint adds the replacement before it removes the default group
// (one call: an endpoint is never left without a group).
func modifyEndpoint(ctx context.Context, api *ec2.Client, id string, groups []string, from, to string, dryRun bool) error {
	if !slices.Contains(groups, from) {
		return nil
	}
	in := &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(id), RemoveSecurityGroupIds: []string{from}, DryRun: aws.Bool(dryRun)}
	if !slices.Contains(groups, to) {
		in.AddSecurityGroupIds = []string{to}
	}
	_, err := api.ModifyVpcEndpoint(ctx, in)
	if dryRun && awsx.ErrorCode(err) == "DryRunOperation" {
		return nil
	}
	return svc.OpErr("ec2:ModifyVpcEndpoint", err)
}
