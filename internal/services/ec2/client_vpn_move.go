package ec2

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// clientVPNMover moves a Client VPN endpoint with
// ApplySecurityGroupsToClientVpnTargetNetwork, which replaces the groups
// applied to the interfaces of its target network associations and needs
// the endpoint's VPC (read from the endpoint: the move never changes it).
var clientVPNMover = svc.Mover{
	API: "ec2:ApplySecurityGroupsToClientVpnTargetNetwork",
	ARNs: []string{"arn:aws:ec2:*:*:client-vpn-endpoint/*", "arn:aws:ec2:*:*:security-group/*",
		"arn:aws:ec2:*:*:vpc/*"},
	IAM: []string{"ec2:DescribeClientVpnEndpoints", "ec2:ApplySecurityGroupsToClientVpnTargetNetwork"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		ep, err := describeClientVPN(ctx, ec2.NewFromConfig(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		return svc.One(r.ID, ep.SecurityGroupIds, group), nil
	},
	Move:    svc.SwapWith(setClientVPN(false)),
	Restore: svc.RestoreWith(setClientVPN(false)),
	DryRun:  svc.SwapWith(setClientVPN(true)),
}

// setClientVPN is the setter of the move (dryRun false) or of its dry run.
func setClientVPN(dryRun bool) svc.Setter {
	return func(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
		return applyClientVPN(ctx, cfg, r, groups, dryRun)
	}
}

func describeClientVPN(ctx context.Context, api *ec2.Client, id string) (types.ClientVpnEndpoint, error) {
	out, err := api.DescribeClientVpnEndpoints(ctx, &ec2.DescribeClientVpnEndpointsInput{ClientVpnEndpointIds: []string{id}})
	if err != nil {
		return types.ClientVpnEndpoint{}, svc.OpErr("ec2:DescribeClientVpnEndpoints", err)
	}
	if len(out.ClientVpnEndpoints) == 0 {
		return types.ClientVpnEndpoint{}, svc.OpErr("ec2:DescribeClientVpnEndpoints", svc.ErrNotFound)
	}
	return out.ClientVpnEndpoints[0], nil
}

func applyClientVPN(ctx context.Context, cfg aws.Config, r svc.Resource, groups []string, dryRun bool) error {
	api := ec2.NewFromConfig(cfg)
	ep, err := describeClientVPN(ctx, api, r.ID)
	if err != nil {
		return err
	}
	_, err = api.ApplySecurityGroupsToClientVpnTargetNetwork(ctx, &ec2.ApplySecurityGroupsToClientVpnTargetNetworkInput{
		ClientVpnEndpointId: aws.String(r.ID), VpcId: ep.VpcId, SecurityGroupIds: groups, DryRun: aws.Bool(dryRun)})
	if dryRun && awsx.ErrorCode(err) == "DryRunOperation" {
		return nil
	}
	return svc.OpErr("ec2:ApplySecurityGroupsToClientVpnTargetNetwork", err)
}
