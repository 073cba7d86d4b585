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
	IAM:     []string{"elasticache:DescribeCacheClusters", "elasticache:ListTagsForResource"},
	Kinds:   []resource.Kind{Cluster, ReplicationGroupMember},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findCacheClusters(ctx, elasticache.NewFromConfig(cfg), t)
	},
}

// ClustersAPI is what finding cache clusters calls.
type ClustersAPI interface {
	elasticache.DescribeCacheClustersAPIClient
	ListTagsForResource(ctx context.Context, in *elasticache.ListTagsForResourceInput, opts ...func(*elasticache.Options)) (*elasticache.ListTagsForResourceOutput, error)
}

func findCacheClusters(ctx context.Context, api ClustersAPI, t usage.Target) ([]usage.Usage, error) {
	out, err := listCacheClusters(ctx, api, t)
	// DescribeCacheClusters returns no tags: read them for the users only.
	svc.SetOwners(out, "elasticache:ListTagsForResource", func(u usage.Usage) string { return u.ARN },
		cacheTags(ctx, api))
	return out, err
}

func listCacheClusters(ctx context.Context, api elasticache.DescribeCacheClustersAPIClient, t usage.Target) ([]usage.Usage, error) {
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
			u := usage.Usage{Kind: usage.KindLive, ResourceKind: Cluster, ResourceID: aws.ToString(c.CacheClusterId),
				ARN: aws.ToString(c.ARN), Detail: aws.ToString(c.Engine), Change: usage.ChangeInPlace}
			if rg := aws.ToString(c.ReplicationGroupId); rg != "" {
				// A replication group's nodes change groups together.
				u.ResourceKind, u.Parent = ReplicationGroupMember, rg
				u.Detail += ", member of replication group " + rg
			}
			out = append(out, svc.Users(t, ids, u)...)
		}
	}
	return out, nil
}

// tagLister is ElastiCache's ListTagsForResource, for clusters and
// serverless caches alike.
type tagLister interface {
	ListTagsForResource(ctx context.Context, in *elasticache.ListTagsForResourceInput, opts ...func(*elasticache.Options)) (*elasticache.ListTagsForResourceOutput, error)
}

// cacheTags reads a cache resource's tags by ARN, for svc.SetOwners.
func cacheTags(ctx context.Context, api tagLister) func(arn string) (map[string]string, error) {
	return func(arn string) (map[string]string, error) {
		res, err := api.ListTagsForResource(ctx, &elasticache.ListTagsForResourceInput{ResourceName: aws.String(arn)})
		if err != nil {
			return nil, err
		}
		tags := map[string]string{}
		for _, tg := range res.TagList {
			tags[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
		}
		return tags, nil
	}
}
