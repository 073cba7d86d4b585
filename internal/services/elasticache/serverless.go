package elasticache

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/elasticache"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// ServerlessCachesAPI is what finding serverless caches calls.
type ServerlessCachesAPI interface {
	elasticache.DescribeServerlessCachesAPIClient
	ListTagsForResource(ctx context.Context, in *elasticache.ListTagsForResourceInput, opts ...func(*elasticache.Options)) (*elasticache.ListTagsForResourceOutput, error)
}

// ServerlessCaches finds serverless caches in a default group: their
// endpoints' interfaces carry it. CreateServerlessCache falls back to the
// default group when given none.
var ServerlessCaches = usage.Finder{
	Name:    "elasticache-serverless-caches",
	Service: "elasticache",
	Reads:   "serverless caches' SecurityGroupIds (DescribeServerlessCaches)",
	IAM:     []string{"elasticache:DescribeServerlessCaches", "elasticache:ListTagsForResource"},
	Kinds:   []resource.Kind{ServerlessCache},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findServerlessCaches(ctx, elasticache.NewFromConfig(cfg), t)
	},
}

func findServerlessCaches(ctx context.Context, api ServerlessCachesAPI, t usage.Target) ([]usage.Usage, error) {
	out, err := listServerlessCaches(ctx, api, t)
	svc.SetOwners(out, "elasticache:ListTagsForResource", func(u usage.Usage) string { return u.ARN },
		cacheTags(ctx, api))
	return out, err
}

func listServerlessCaches(ctx context.Context, api elasticache.DescribeServerlessCachesAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := elasticache.NewDescribeServerlessCachesPaginator(api, &elasticache.DescribeServerlessCachesInput{MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, c := range page.ServerlessCaches {
			out = append(out, svc.Users(t, c.SecurityGroupIds, usage.Usage{Kind: usage.KindLive, ResourceKind: ServerlessCache,
				ResourceID: aws.ToString(c.ServerlessCacheName), ARN: aws.ToString(c.ARN),
				Detail: "serverless " + aws.ToString(c.Engine) + ", " + aws.ToString(c.Status), Change: usage.ChangeInPlace})...)
		}
	}
	return out, nil
}
