package elasticache

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/elasticache"
	"github.com/aws/aws-sdk-go-v2/service/elasticache/types"
	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// clusterMover moves a cache cluster in a VPC (ApplyImmediately);
// Settled waits for it to be available again.
var clusterMover = svc.Mover{
	API:  "elasticache:ModifyCacheCluster",
	ARNs: []string{"arn:aws:elasticache:*:*:cluster:*"},
	IAM:  []string{"elasticache:DescribeCacheClusters", "elasticache:ModifyCacheCluster"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		c, err := describeCacheCluster(ctx, elasticache.NewFromConfig(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		var ids []string
		for _, m := range c.SecurityGroups {
			ids = append(ids, aws.ToString(m.SecurityGroupId))
		}
		return svc.One(r.ID, ids, group), nil
	},
	Move:    svc.SwapWith(setCacheCluster),
	Restore: svc.RestoreWith(setCacheCluster),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		c, err := describeCacheCluster(ctx, elasticache.NewFromConfig(cfg), r.ID)
		if err != nil {
			return "", err
		}
		if s := aws.ToString(c.CacheClusterStatus); s != "available" {
			return "status " + s, nil
		}
		return "", nil
	},
}

func describeCacheCluster(ctx context.Context, api *elasticache.Client, id string) (types.CacheCluster, error) {
	out, err := api.DescribeCacheClusters(ctx, &elasticache.DescribeCacheClustersInput{CacheClusterId: aws.String(id)})
	if err != nil {
		return types.CacheCluster{}, svc.OpErr("elasticache:DescribeCacheClusters", err)
	}
	if len(out.CacheClusters) == 0 {
		return types.CacheCluster{}, svc.OpErr("elasticache:DescribeCacheClusters", svc.ErrNotFound)
	}
	return out.CacheClusters[0], nil
}

func setCacheCluster(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	_, err := elasticache.NewFromConfig(cfg).ModifyCacheCluster(ctx, &elasticache.ModifyCacheClusterInput{
		CacheClusterId: aws.String(r.ID), SecurityGroupIds: groups, ApplyImmediately: aws.Bool(true)})
	return svc.OpErr("elasticache:ModifyCacheCluster", err)
}
