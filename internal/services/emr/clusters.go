package emr

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/emr"
	"github.com/aws/aws-sdk-go-v2/service/emr/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// EMRAPI is what the EMR cluster finder calls.
type EMRAPI interface {
	emr.ListClustersAPIClient
	emr.DescribeClusterAPIClient
}

// Clusters finds active EMR clusters whose instances or service access
// use a default group: the EMR-managed primary, core/task and service
// access groups and the additional ones. A running cluster's groups cannot
// be changed; it has to be replaced.
var Clusters = usage.Finder{
	Name:    "emr-clusters",
	Service: "elasticmapreduce",
	Reads:   "active clusters' Ec2InstanceAttributes (EmrManaged*SecurityGroup, ServiceAccessSecurityGroup, Additional*SecurityGroups) (ListClusters, DescribeCluster)",
	IAM:     []string{"elasticmapreduce:ListClusters", "elasticmapreduce:DescribeCluster"},
	Kinds:   []resource.Kind{Cluster},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findEMRClusters(ctx, emr.NewFromConfig(cfg), t)
	},
}

var emrActive = []types.ClusterState{types.ClusterStateStarting, types.ClusterStateBootstrapping,
	types.ClusterStateRunning, types.ClusterStateWaiting, types.ClusterStateTerminating}

func findEMRClusters(ctx context.Context, api EMRAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := emr.NewListClustersPaginator(api, &emr.ListClustersInput{ClusterStates: emrActive})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, s := range page.Clusters {
			res, err := api.DescribeCluster(ctx, &emr.DescribeClusterInput{ClusterId: s.Id})
			if err != nil {
				return out, err
			}
			c := res.Cluster
			if c == nil || c.Ec2InstanceAttributes == nil {
				continue
			}
			a := c.Ec2InstanceAttributes
			base := usage.Usage{Kind: usage.KindLive, ResourceKind: Cluster,
				ResourceID: aws.ToString(c.Name), ARN: aws.ToString(c.ClusterArn), Change: usage.ChangeReplacement,
				ManagedBy: svc.ManagedBy(svc.TagsOf(c.Tags, func(tg types.Tag) (*string, *string) { return tg.Key, tg.Value }))}
			seen := map[string]bool{}
			for _, role := range []struct {
				what string
				ids  []string
			}{
				{"EMR-managed primary group", []string{aws.ToString(a.EmrManagedMasterSecurityGroup)}},
				{"EMR-managed core/task group", []string{aws.ToString(a.EmrManagedSlaveSecurityGroup)}},
				{"service access group", []string{aws.ToString(a.ServiceAccessSecurityGroup)}},
				{"additional primary group", a.AdditionalMasterSecurityGroups},
				{"additional core/task group", a.AdditionalSlaveSecurityGroups},
			} {
				b := base
				b.Detail = role.what + " of cluster " + aws.ToString(c.Id)
				for _, u := range svc.Users(t, role.ids, b) {
					if !seen[u.GroupID] {
						seen[u.GroupID] = true
						out = append(out, u)
					}
				}
			}
		}
	}
	return out, nil
}
