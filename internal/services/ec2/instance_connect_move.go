package ec2

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// instanceConnectMover moves an EC2 Instance Connect endpoint with
// ModifyInstanceConnectEndpoint, whose SecurityGroupIds replace the
// endpoint's set (at least one). The endpoint is update-in-progress until
// its interface has the new groups: Settled waits for that to end.
var instanceConnectMover = svc.Mover{
	API:  "ec2:ModifyInstanceConnectEndpoint",
	ARNs: []string{"arn:aws:ec2:*:*:instance-connect-endpoint/*", "arn:aws:ec2:*:*:security-group/*"},
	IAM:  []string{"ec2:DescribeInstanceConnectEndpoints", "ec2:ModifyInstanceConnectEndpoint"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		groups, _, err := instanceConnectEndpoint(ctx, ec2.NewFromConfig(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		return svc.One(r.ID, groups, group), nil
	},
	Move:    svc.SwapWith(setInstanceConnectGroups(false)),
	Restore: svc.RestoreWith(setInstanceConnectGroups(false)),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		_, state, err := instanceConnectEndpoint(ctx, ec2.NewFromConfig(cfg), r.ID)
		if err != nil {
			return "", err
		}
		switch state {
		case "update-in-progress":
			return "endpoint " + state, nil
		case "update-failed":
			return "", &svc.SettleError{Reason: "endpoint " + state}
		}
		return "", nil
	},
	DryRun: func(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, from, to string) error {
		err := svc.SwapWith(setInstanceConnectGroups(true))(ctx, cfg, r, t, from, to)
		if awsx.ErrorCode(err) == "DryRunOperation" {
			return nil
		}
		return err
	},
}

func instanceConnectEndpoint(ctx context.Context, api *ec2.Client, id string) (groups []string, state string, err error) {
	out, err := api.DescribeInstanceConnectEndpoints(ctx, &ec2.DescribeInstanceConnectEndpointsInput{InstanceConnectEndpointIds: []string{id}})
	if err != nil {
		return nil, "", svc.OpErr("ec2:DescribeInstanceConnectEndpoints", err)
	}
	if len(out.InstanceConnectEndpoints) == 0 {
		return nil, "", svc.OpErr("ec2:DescribeInstanceConnectEndpoints", svc.ErrNotFound)
	}
	ep := out.InstanceConnectEndpoints[0]
	return ep.SecurityGroupIds, string(ep.State), nil
}

func setInstanceConnectGroups(dryRun bool) svc.Setter {
	return func(ctx context.Context, cfg aws.Config, _ svc.Resource, t svc.Target, groups []string) error {
		_, err := ec2.NewFromConfig(cfg).ModifyInstanceConnectEndpoint(ctx, &ec2.ModifyInstanceConnectEndpointInput{
			InstanceConnectEndpointId: aws.String(t.ID), SecurityGroupIds: groups, DryRun: aws.Bool(dryRun)})
		return svc.OpErr("ec2:ModifyInstanceConnectEndpoint", err)
	}
}
