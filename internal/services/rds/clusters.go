package rds

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Clusters finds Aurora and Multi-AZ DB clusters (and the Neptune and
// DocumentDB clusters the same API returns) in a default group;
// ModifyDBCluster moves them in place.
var Clusters = usage.Finder{
	Name:    "rds-clusters",
	Service: "rds",
	Reads:   "DB clusters' VpcSecurityGroups (DescribeDBClusters; Aurora, Multi-AZ, Neptune, DocumentDB)",
	IAM:     []string{"rds:DescribeDBClusters"},
	Kinds:   []resource.Kind{Cluster},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findRDSClusters(ctx, rds.NewFromConfig(cfg), t)
	},
}

func findRDSClusters(ctx context.Context, api rds.DescribeDBClustersAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := rds.NewDescribeDBClustersPaginator(api, &rds.DescribeDBClustersInput{MaxRecords: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, c := range page.DBClusters {
			out = append(out, svc.Users(t, rdsGroupIDs(c.VpcSecurityGroups), usage.Usage{Kind: usage.KindLive,
				ResourceKind: Cluster, ResourceID: aws.ToString(c.DBClusterIdentifier), ARN: aws.ToString(c.DBClusterArn),
				Detail: aws.ToString(c.Engine), ManagedBy: svc.ManagedBy(rdsTags(c.TagList)), Change: usage.ChangeInPlace})...)
		}
	}
	return out, nil
}
