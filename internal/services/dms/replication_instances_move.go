package dms

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	dms "github.com/aws/aws-sdk-go-v2/service/databasemigrationservice"
	"github.com/aws/aws-sdk-go-v2/service/databasemigrationservice/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// instanceMover moves a replication instance with ModifyReplicationInstance
// VpcSecurityGroupIds and ApplyImmediately (without it DMS would wait for
// the maintenance window). DMS applies it asynchronously: the instance is
// "modifying" until its interfaces have the new groups, so Settled waits
// for "available".
var instanceMover = svc.Mover{
	API:  "dms:ModifyReplicationInstance",
	ARNs: []string{"arn:aws:dms:*:*:rep:*"},
	IAM:  []string{"dms:DescribeReplicationInstances", "dms:ModifyReplicationInstance"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		ri, err := describeInstance(ctx, dms.NewFromConfig(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		return svc.One(r.ID, instanceGroups(ri), group), nil
	},
	Move:    svc.SwapWith(setInstance),
	Restore: svc.RestoreWith(setInstance),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		ri, err := describeInstance(ctx, dms.NewFromConfig(cfg), r.ID)
		if err != nil {
			return "", err
		}
		if s := aws.ToString(ri.ReplicationInstanceStatus); s != "available" {
			return "status " + s, nil
		}
		for _, g := range ri.VpcSecurityGroups {
			if s := aws.ToString(g.Status); s != "active" && s != "" {
				return aws.ToString(g.VpcSecurityGroupId) + " " + s, nil
			}
		}
		return "", nil
	},
}

func describeInstance(ctx context.Context, api *dms.Client, id string) (types.ReplicationInstance, error) {
	out, err := api.DescribeReplicationInstances(ctx, &dms.DescribeReplicationInstancesInput{
		Filters: []types.Filter{{Name: aws.String("replication-instance-id"), Values: []string{id}}}})
	if err != nil {
		return types.ReplicationInstance{}, svc.OpErr("dms:DescribeReplicationInstances", err)
	}
	if len(out.ReplicationInstances) == 0 {
		return types.ReplicationInstance{}, svc.OpErr("dms:DescribeReplicationInstances", svc.ErrNotFound)
	}
	return out.ReplicationInstances[0], nil
}

// instanceGroups leaves out the groups DMS is removing.
func instanceGroups(ri types.ReplicationInstance) []string {
	var out []string
	for _, g := range ri.VpcSecurityGroups {
		if aws.ToString(g.Status) != "removing" {
			out = append(out, aws.ToString(g.VpcSecurityGroupId))
		}
	}
	return out
}

// setInstance names the instance by its ARN, which the call requires.
func setInstance(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	api := dms.NewFromConfig(cfg)
	arn := r.ARN
	if arn == "" {
		ri, err := describeInstance(ctx, api, r.ID)
		if err != nil {
			return err
		}
		arn = aws.ToString(ri.ReplicationInstanceArn)
	}
	_, err := api.ModifyReplicationInstance(ctx, &dms.ModifyReplicationInstanceInput{ReplicationInstanceArn: aws.String(arn),
		VpcSecurityGroupIds: groups, ApplyImmediately: true})
	return svc.OpErr("dms:ModifyReplicationInstance", err)
}
