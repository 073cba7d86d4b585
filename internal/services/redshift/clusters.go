package redshift

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/redshift"
	rstypes "github.com/aws/aws-sdk-go-v2/service/redshift/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Clusters finds provisioned Redshift clusters in a default group.
// CreateCluster and snapshot restores fall back to the default group, and
// ModifyCluster moves them in place (applied asynchronously). Managed VPC
// endpoints and Serverless workgroups are not read yet.
var Clusters = usage.Finder{
	Name:    "redshift-clusters",
	Service: "redshift",
	Reads:   "provisioned clusters' VpcSecurityGroups (DescribeClusters)",
	IAM:     []string{"redshift:DescribeClusters"},
	Kinds:   []resource.Kind{Cluster},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findRedshiftClusters(ctx, redshift.NewFromConfig(cfg), t)
	},
}

func findRedshiftClusters(ctx context.Context, api redshift.DescribeClustersAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := redshift.NewDescribeClustersPaginator(api, &redshift.DescribeClustersInput{MaxRecords: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, c := range page.Clusters {
			var ids []string
			for _, m := range c.VpcSecurityGroups {
				ids = append(ids, aws.ToString(m.VpcSecurityGroupId))
			}
			out = append(out, svc.Users(t, ids, usage.Usage{Kind: usage.KindLive,
				ResourceKind: Cluster, ResourceID: aws.ToString(c.ClusterIdentifier),
				Detail:    "in " + aws.ToString(c.VpcId),
				ManagedBy: svc.ManagedBy(svc.TagsOf(c.Tags, func(tag rstypes.Tag) (*string, *string) { return tag.Key, tag.Value })),
				Change:    usage.ChangeInPlace})...)
		}
	}
	return out, nil
}
