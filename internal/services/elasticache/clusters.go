package elasticache

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/elasticache"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Clusters finds node-based cache clusters in a default group
// (their nodes' interfaces carry it now). Clusters of a replication group
// move with ModifyReplicationGroup, others with ModifyCacheCluster.
// Serverless caches are not read yet.
var Clusters = usage.Finder{
	Name:    "elasticache-clusters",
	Service: "elasticache",
	Reads:   "cache clusters' SecurityGroups[].SecurityGroupId (DescribeCacheClusters)",
	IAM:     []string{"elasticache:DescribeCacheClusters"},
	Kinds:   []resource.Kind{Cluster},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findCacheClusters(ctx, elasticache.NewFromConfig(cfg), t)
	},
}

func findCacheClusters(ctx context.Context, api elasticache.DescribeCacheClustersAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := elasticache.NewDescribeCacheClustersPaginator(api, &elasticache.DescribeCacheClustersInput{MaxRecords: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, c := range page.CacheClusters {
			var ids []string
			for _, m := range c.SecurityGroups {
				ids = append(ids, aws.ToString(m.SecurityGroupId))
			}
			detail := aws.ToString(c.Engine)
			if rg := aws.ToString(c.ReplicationGroupId); rg != "" {
				detail += ", member of replication group " + rg + ": change the replication group"
			}
			out = append(out, svc.Users(t, ids, usage.Usage{Kind: usage.KindLive,
				ResourceKind: Cluster, ResourceID: aws.ToString(c.CacheClusterId), ARN: aws.ToString(c.ARN),
				Detail: detail, Change: usage.ChangeInPlace})...)
		}
	}
	return out, nil
}
