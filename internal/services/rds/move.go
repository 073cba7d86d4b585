package rds

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// instanceMover moves a DB instance with ApplyImmediately (a group change
// causes no downtime); RDS applies it asynchronously, so Settled waits for
// the instance to be available again.
var instanceMover = svc.Mover{
	API:  "rds:ModifyDBInstance",
	ARNs: []string{"arn:aws:rds:*:*:db:*"},
	IAM:  []string{"rds:DescribeDBInstances", "rds:ModifyDBInstance"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		db, err := describeDBInstance(ctx, rds.NewFromConfig(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		return svc.One(r.ID, rdsGroups(db.VpcSecurityGroups), group), nil
	},
	Move:    svc.SwapWith(setDBInstance),
	Restore: svc.RestoreWith(setDBInstance),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		db, err := describeDBInstance(ctx, rds.NewFromConfig(cfg), r.ID)
		if err != nil {
			return "", err
		}
		return rdsPending(aws.ToString(db.DBInstanceStatus), db.VpcSecurityGroups), nil
	},
}

// clusterMover moves an Aurora or Multi-AZ DB cluster.
var clusterMover = svc.Mover{
	API:  "rds:ModifyDBCluster",
	ARNs: []string{"arn:aws:rds:*:*:cluster:*"},
	IAM:  []string{"rds:DescribeDBClusters", "rds:ModifyDBCluster"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		c, err := describeDBCluster(ctx, rds.NewFromConfig(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		return svc.One(r.ID, rdsGroups(c.VpcSecurityGroups), group), nil
	},
	Move:    svc.SwapWith(setDBCluster),
	Restore: svc.RestoreWith(setDBCluster),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		c, err := describeDBCluster(ctx, rds.NewFromConfig(cfg), r.ID)
		if err != nil {
			return "", err
		}
		return rdsPending(aws.ToString(c.Status), c.VpcSecurityGroups), nil
	},
}

func describeDBInstance(ctx context.Context, api *rds.Client, id string) (types.DBInstance, error) {
	out, err := api.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String(id)})
	if err != nil {
		return types.DBInstance{}, svc.OpErr("rds:DescribeDBInstances", err)
	}
	if len(out.DBInstances) == 0 {
		return types.DBInstance{}, svc.OpErr("rds:DescribeDBInstances", svc.ErrNotFound)
	}
	return out.DBInstances[0], nil
}

func describeDBCluster(ctx context.Context, api *rds.Client, id string) (types.DBCluster, error) {
	out, err := api.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{DBClusterIdentifier: aws.String(id)})
	if err != nil {
		return types.DBCluster{}, svc.OpErr("rds:DescribeDBClusters", err)
	}
	if len(out.DBClusters) == 0 {
		return types.DBCluster{}, svc.OpErr("rds:DescribeDBClusters", svc.ErrNotFound)
	}
	return out.DBClusters[0], nil
}

func rdsGroups(ms []types.VpcSecurityGroupMembership) []string {
	var out []string
	for _, m := range ms {
		if aws.ToString(m.Status) != "removing" {
			out = append(out, aws.ToString(m.VpcSecurityGroupId))
		}
	}
	return out
}

// rdsPending is "" once the resource is available and every membership is
// active.
func rdsPending(status string, ms []types.VpcSecurityGroupMembership) string {
	if status != "available" {
		return "status " + status
	}
	for _, m := range ms {
		if s := aws.ToString(m.Status); s != "active" && s != "" {
			return aws.ToString(m.VpcSecurityGroupId) + " " + s
		}
	}
	return ""
}

func setDBInstance(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	_, err := rds.NewFromConfig(cfg).ModifyDBInstance(ctx, &rds.ModifyDBInstanceInput{DBInstanceIdentifier: aws.String(r.ID),
		VpcSecurityGroupIds: groups, ApplyImmediately: aws.Bool(true)})
	return svc.OpErr("rds:ModifyDBInstance", err)
}

func setDBCluster(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	_, err := rds.NewFromConfig(cfg).ModifyDBCluster(ctx, &rds.ModifyDBClusterInput{DBClusterIdentifier: aws.String(r.ID),
		VpcSecurityGroupIds: groups, ApplyImmediately: aws.Bool(true)})
	return svc.OpErr("rds:ModifyDBCluster", err)
}
