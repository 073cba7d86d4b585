package memorydb

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/memorydb"
	"github.com/aws/aws-sdk-go-v2/service/memorydb/schemas"
	"github.com/aws/smithy-go/transport/http/protocol/awsjson"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// ClustersAPI is what finding MemoryDB clusters calls.
type ClustersAPI interface {
	memorydb.DescribeClustersAPIClient
	ListTags(ctx context.Context, in *memorydb.ListTagsInput, opts ...func(*memorydb.Options)) (*memorydb.ListTagsOutput, error)
}

// Clusters finds MemoryDB clusters in a default group (their nodes'
// interfaces carry it).
var Clusters = usage.Finder{
	Name:    "memorydb-clusters",
	Service: "memorydb",
	Reads:   "clusters' SecurityGroups[].SecurityGroupId (DescribeClusters)",
	IAM:     []string{"memorydb:DescribeClusters", "memorydb:ListTags"},
	Kinds:   []resource.Kind{Cluster},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findClusters(ctx, memorydb.NewFromConfig(cfg, jsonProtocol), t)
	},
}

// jsonProtocol speaks AWS JSON 1.1, which MemoryDB serves and the simulator
// speaks; the SDK from v1.43 prefers RPC v2 CBOR (go.mod holds v1.42).
func jsonProtocol(o *memorydb.Options) { o.Protocol = awsjson.New11(schemas.AmazonMemoryDB) }

func findClusters(ctx context.Context, api ClustersAPI, t usage.Target) ([]usage.Usage, error) {
	out, err := listClusters(ctx, api, t)
	// DescribeClusters returns no tags: read them for the users only.
	svc.SetOwners(out, "memorydb:ListTags", func(u usage.Usage) string { return u.ARN },
		func(arn string) (map[string]string, error) {
			res, err := api.ListTags(ctx, &memorydb.ListTagsInput{ResourceArn: aws.String(arn)})
			if err != nil {
				return nil, err
			}
			tags := map[string]string{}
			for _, tg := range res.TagList {
				tags[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
			}
			return tags, nil
		})
	return out, err
}

func listClusters(ctx context.Context, api memorydb.DescribeClustersAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := memorydb.NewDescribeClustersPaginator(api, &memorydb.DescribeClustersInput{MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, c := range page.Clusters {
			out = append(out, svc.Users(t, groupIDs(c), usage.Usage{Kind: usage.KindLive, ResourceKind: Cluster,
				ResourceID: aws.ToString(c.Name), ARN: aws.ToString(c.ARN),
				Detail: aws.ToString(c.Engine) + " " + aws.ToString(c.EngineVersion) + ", " + aws.ToString(c.Status),
				Change: usage.ChangeInPlace})...)
		}
	}
	return out, nil
}
