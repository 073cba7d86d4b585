package elasticache

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/elasticache"
	"github.com/aws/aws-sdk-go-v2/service/elasticache/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// serverlessMover moves a serverless cache with ModifyServerlessCache
// SecurityGroupIds, which replaces the groups of its VPC endpoint
// ("populating this list means the current VPC security groups will be
// removed"); the cache keeps serving. Settled waits for it to be available
// again.
var serverlessMover = svc.Mover{
	API:  "elasticache:ModifyServerlessCache",
	ARNs: []string{"arn:aws:elasticache:*:*:serverlesscache:*"},
	IAM:  []string{"elasticache:DescribeServerlessCaches", "elasticache:ModifyServerlessCache"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		c, err := describeServerlessCache(ctx, elasticache.NewFromConfig(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		return svc.One(r.ID, c.SecurityGroupIds, group), nil
	},
	Move:    svc.SwapWith(setServerlessCache),
	Restore: svc.RestoreWith(setServerlessCache),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		c, err := describeServerlessCache(ctx, elasticache.NewFromConfig(cfg), r.ID)
		if err != nil {
			return "", err
		}
		switch s := aws.ToString(c.Status); s {
		case "available":
			return "", nil
		case "create-failed", "deleting":
			return "", svc.OpErr("elasticache:ModifyServerlessCache", &svc.SettleError{Reason: "status " + s})
		default:
			return "status " + s, nil
		}
	},
}

func describeServerlessCache(ctx context.Context, api *elasticache.Client, name string) (types.ServerlessCache, error) {
	out, err := api.DescribeServerlessCaches(ctx, &elasticache.DescribeServerlessCachesInput{ServerlessCacheName: aws.String(name)})
	if err != nil {
		return types.ServerlessCache{}, svc.OpErr("elasticache:DescribeServerlessCaches", err)
	}
	if len(out.ServerlessCaches) == 0 {
		return types.ServerlessCache{}, svc.OpErr("elasticache:DescribeServerlessCaches", svc.ErrNotFound)
	}
	return out.ServerlessCaches[0], nil
}

func setServerlessCache(ctx context.Context, cfg aws.Config, r svc.Resource, _ svc.Target, groups []string) error {
	_, err := elasticache.NewFromConfig(cfg).ModifyServerlessCache(ctx, &elasticache.ModifyServerlessCacheInput{
		ServerlessCacheName: aws.String(r.ID), SecurityGroupIds: groups})
	return svc.OpErr("elasticache:ModifyServerlessCache", err)
}
