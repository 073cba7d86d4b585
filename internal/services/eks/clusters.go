package eks

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// EKSAPI is what the EKS cluster finder calls.
type EKSAPI interface {
	eks.ListClustersAPIClient
	eks.DescribeClusterAPIClient
}

// Clusters finds EKS clusters whose control-plane interfaces carry a
// default group: one of resourcesVpcConfig.securityGroupIds (moved in place
// with UpdateClusterConfig) or, unusually, the cluster security group EKS
// itself manages, which cannot be changed.
var Clusters = usage.Finder{
	Name:    "eks-clusters",
	Service: "eks",
	Reads:   "clusters' resourcesVpcConfig.securityGroupIds and clusterSecurityGroupId (ListClusters, DescribeCluster)",
	IAM:     []string{"eks:ListClusters", "eks:DescribeCluster"},
	Kinds:   []resource.Kind{Cluster},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findEKSClusters(ctx, eks.NewFromConfig(cfg), t)
	},
}

func findEKSClusters(ctx context.Context, api EKSAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := eks.NewListClustersPaginator(api, &eks.ListClustersInput{MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, name := range page.Clusters {
			res, err := api.DescribeCluster(ctx, &eks.DescribeClusterInput{Name: aws.String(name)})
			if err != nil {
				return out, err
			}
			c := res.Cluster
			if c == nil || c.ResourcesVpcConfig == nil {
				continue
			}
			base := usage.Usage{Kind: usage.KindLive, ResourceKind: Cluster, ResourceID: name,
				ARN: aws.ToString(c.Arn), Detail: "additional security group in " + aws.ToString(c.ResourcesVpcConfig.VpcId),
				ManagedBy: svc.ManagedBy(svc.TagsFromMap(c.Tags)), Change: usage.ChangeInPlace}
			found := svc.Users(t, c.ResourcesVpcConfig.SecurityGroupIds, base)
			base.Detail, base.Change = "cluster security group (managed by EKS)", usage.ChangeReplacement
			if cg := aws.ToString(c.ResourcesVpcConfig.ClusterSecurityGroupId); !slices.Contains(c.ResourcesVpcConfig.SecurityGroupIds, cg) {
				found = append(found, svc.Users(t, []string{cg}, base)...)
			}
			out = append(out, found...)
		}
	}
	return out, nil
}
