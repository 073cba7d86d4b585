package redshift

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/redshift"
	"github.com/aws/aws-sdk-go-v2/service/redshift/types"
	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// clusterMover moves a provisioned cluster; Settled waits for it to be
// available again.
var clusterMover = svc.Mover{
	API:  "redshift:ModifyCluster",
	ARNs: []string{"arn:aws:redshift:*:*:cluster:*"},
	IAM:  []string{"redshift:DescribeClusters", "redshift:ModifyCluster"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		c, err := describeRedshift(ctx, redshift.NewFromConfig(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		var ids []string
		for _, m := range c.VpcSecurityGroups {
			ids = append(ids, aws.ToString(m.VpcSecurityGroupId))
		}
		return svc.One(r.ID, ids, group), nil
	},
	Move:    svc.SwapWith(setRedshift),
	Restore: svc.RestoreWith(setRedshift),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		c, err := describeRedshift(ctx, redshift.NewFromConfig(cfg), r.ID)
		if err != nil {
			return "", err
		}
		if s := aws.ToString(c.ClusterStatus); s != "available" {
			return "status " + s, nil
		}
		return "", nil
	},
}

func describeRedshift(ctx context.Context, api *redshift.Client, id string) (types.Cluster, error) {
	out, err := api.DescribeClusters(ctx, &redshift.DescribeClustersInput{ClusterIdentifier: aws.String(id)})
	if err != nil {
		return types.Cluster{}, svc.OpErr("redshift:DescribeClusters", err)
	}
	if len(out.Clusters) == 0 {
		return types.Cluster{}, svc.OpErr("redshift:DescribeClusters", svc.ErrNotFound)
	}
	return out.Clusters[0], nil
}

func setRedshift(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	_, err := redshift.NewFromConfig(cfg).ModifyCluster(ctx, &redshift.ModifyClusterInput{
		ClusterIdentifier: aws.String(r.ID), VpcSecurityGroupIds: groups})
	return svc.OpErr("redshift:ModifyCluster", err)
}
