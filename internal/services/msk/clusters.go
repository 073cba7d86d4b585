package msk

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kafka"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Clusters finds MSK clusters whose broker (provisioned) or VPC
// (serverless) interfaces carry a default group. No kafka Update*
// operation changes them: the cluster must be recreated.
var Clusters = usage.Finder{
	Name:    "msk-clusters",
	Service: "kafka",
	Reads: "clusters' Provisioned.BrokerNodeGroupInfo.SecurityGroups and " +
		"Serverless.VpcConfigs[].SecurityGroupIds (ListClustersV2)",
	IAM:   []string{"kafka:ListClustersV2"},
	Kinds: []resource.Kind{Cluster},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findMSKClusters(ctx, kafka.NewFromConfig(cfg), t)
	},
}

func findMSKClusters(ctx context.Context, api kafka.ListClustersV2APIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := kafka.NewListClustersV2Paginator(api, &kafka.ListClustersV2Input{MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, c := range page.ClusterInfoList {
			base := usage.Usage{Kind: usage.KindLive, ResourceKind: Cluster,
				ResourceID: aws.ToString(c.ClusterName), ARN: aws.ToString(c.ClusterArn),
				ManagedBy: svc.ManagedBy(svc.TagsFromMap(c.Tags)), Change: usage.ChangeReplacement}
			if pr := c.Provisioned; pr != nil && pr.BrokerNodeGroupInfo != nil {
				base.Detail = "broker nodes (provisioned)"
				out = append(out, svc.Users(t, pr.BrokerNodeGroupInfo.SecurityGroups, base)...)
			}
			if s := c.Serverless; s != nil {
				var ids []string
				for _, v := range s.VpcConfigs {
					ids = append(ids, v.SecurityGroupIds...)
				}
				base.Detail = "serverless VPC configuration"
				out = append(out, svc.Users(t, ids, base)...)
			}
		}
	}
	return out, nil
}
