package memorydb

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/memorydb"
	"github.com/aws/aws-sdk-go-v2/service/memorydb/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// clusterMover moves a cluster with UpdateCluster SecurityGroupIds, the
// whole list. Settled waits for the cluster to be available and every
// group membership active again.
var clusterMover = svc.Mover{
	API:  "memorydb:UpdateCluster",
	ARNs: []string{"arn:aws:memorydb:*:*:cluster/*"},
	IAM:  []string{"memorydb:DescribeClusters", "memorydb:UpdateCluster"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		c, err := describeCluster(ctx, memorydb.NewFromConfig(cfg, jsonProtocol), r.ID)
		if err != nil {
			return nil, err
		}
		return svc.One(r.ID, groupIDs(c), group), nil
	},
	Move:    svc.SwapWith(setCluster),
	Restore: svc.RestoreWith(setCluster),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		c, err := describeCluster(ctx, memorydb.NewFromConfig(cfg, jsonProtocol), r.ID)
		if err != nil {
			return "", err
		}
		if s := aws.ToString(c.Status); s != "available" {
			return "status " + s, nil
		}
		for _, m := range c.SecurityGroups {
			if s := aws.ToString(m.Status); s != "active" {
				return "group " + aws.ToString(m.SecurityGroupId) + " " + s, nil
			}
		}
		return "", nil
	},
}

func groupIDs(c types.Cluster) []string {
	var ids []string
	for _, m := range c.SecurityGroups {
		ids = append(ids, aws.ToString(m.SecurityGroupId))
	}
	return ids
}

func describeCluster(ctx context.Context, api *memorydb.Client, name string) (types.Cluster, error) {
	out, err := api.DescribeClusters(ctx, &memorydb.DescribeClustersInput{ClusterName: aws.String(name)})
	if err != nil {
		return types.Cluster{}, svc.OpErr("memorydb:DescribeClusters", err)
	}
	if len(out.Clusters) == 0 {
		return types.Cluster{}, svc.OpErr("memorydb:DescribeClusters", svc.ErrNotFound)
	}
	return out.Clusters[0], nil
}

func setCluster(ctx context.Context, cfg aws.Config, r svc.Resource, _ svc.Target, groups []string) error {
	_, err := memorydb.NewFromConfig(cfg, jsonProtocol).UpdateCluster(ctx, &memorydb.UpdateClusterInput{
		ClusterName: aws.String(r.ID), SecurityGroupIds: groups})
	return svc.OpErr("memorydb:UpdateCluster", err)
}
