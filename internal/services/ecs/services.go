package ecs

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// ECSServicesAPI is what the ECS service finder calls.
type ECSServicesAPI interface {
	ecs.ListClustersAPIClient
	ecs.ListServicesAPIClient
	DescribeServices(ctx context.Context, in *ecs.DescribeServicesInput, opts ...func(*ecs.Options)) (*ecs.DescribeServicesOutput, error)
}

// Services finds awsvpc services whose service, deployment or task set
// network configuration names a default group. A deployment still rolling
// out keeps its old groups until it drains, so every one counts; moving a
// service takes a new deployment.
var Services = usage.Finder{
	Name:    "ecs-services",
	Service: "ecs",
	Reads:   "ECS services' awsvpcConfiguration.securityGroups, with every deployment and task set (ListClusters, ListServices, DescribeServices)",
	IAM:     []string{"ecs:ListClusters", "ecs:ListServices", "ecs:DescribeServices", "ec2:DescribeSubnets"},
	Kinds:   []resource.Kind{ECSService},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		us, err := findECSServices(ctx, ecs.NewFromConfig(cfg), t)
		if err != nil {
			return svc.WithoutNoGroup(us), err
		}
		return svc.ResolveNoGroup(ctx, ec2.NewFromConfig(cfg), t, us)
	},
}

func findECSServices(ctx context.Context, api ECSServicesAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	cp := ecs.NewListClustersPaginator(api, &ecs.ListClustersInput{})
	for cp.HasMorePages() {
		page, err := cp.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, cluster := range page.ClusterArns {
			var arns []string
			sp := ecs.NewListServicesPaginator(api, &ecs.ListServicesInput{Cluster: aws.String(cluster), MaxResults: aws.Int32(100)})
			for sp.HasMorePages() {
				spage, err := sp.NextPage(ctx)
				if err != nil {
					return out, err
				}
				arns = append(arns, spage.ServiceArns...)
			}
			for _, batch := range svc.Chunks(arns, 10) { // DescribeServices takes at most 10
				// Tags come back only when asked for: they say which stack owns it.
				res, err := api.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: aws.String(cluster), Services: batch,
					Include: []types.ServiceField{types.ServiceFieldTags}})
				if err != nil {
					return out, err
				}
				for _, s := range res.Services {
					out = append(out, ecsServiceUsages(t, s)...)
				}
			}
		}
	}
	return out, nil
}

// ecsServiceUsages reports one usage per group of the service, naming
// where the group appears (service, deployment ids, task set ids).
func ecsServiceUsages(t usage.Target, s types.Service) []usage.Usage {
	where := map[string][]string{}
	var order []string
	add := func(nc *types.NetworkConfiguration, label string) {
		if nc == nil || nc.AwsvpcConfiguration == nil {
			return
		}
		ids := svc.Matching(t, nc.AwsvpcConfiguration.SecurityGroups)
		if len(nc.AwsvpcConfiguration.SecurityGroups) == 0 {
			ids = []string{svc.NoGroupID(nc.AwsvpcConfiguration.Subnets)}
		}
		for _, id := range ids {
			if where[id] == nil {
				order = append(order, id)
			}
			where[id] = append(where[id], label)
		}
	}
	add(s.NetworkConfiguration, "service")
	for _, d := range s.Deployments {
		add(d.NetworkConfiguration, "deployment "+aws.ToString(d.Id)+" ("+aws.ToString(d.Status)+")")
	}
	for _, ts := range s.TaskSets {
		add(ts.NetworkConfiguration, "task set "+aws.ToString(ts.Id))
	}
	var out []usage.Usage
	for _, id := range order {
		out = append(out, usage.Usage{GroupID: id, Kind: usage.KindLatent,
			ResourceKind: ECSService, ResourceID: clusterName(aws.ToString(s.ClusterArn)) + "/" + aws.ToString(s.ServiceName),
			ARN: aws.ToString(s.ServiceArn), Detail: "in " + strings.Join(where[id], ", ") + "; tasks get interfaces with it as they start",
			ManagedBy: ecsManagedBy(s.Tags), Change: usage.ChangeDeployment})
	}
	return out
}

// clusterName is the last segment of a cluster ARN.
func clusterName(arn string) string { return arn[strings.LastIndex(arn, "/")+1:] }

// ecsManagedBy reads ECS tags with the same owner rules as EC2 tags.
func ecsManagedBy(tags []types.Tag) string {
	var conv []ec2types.Tag
	for _, tg := range tags {
		conv = append(conv, ec2types.Tag{Key: tg.Key, Value: tg.Value})
	}
	return svc.ManagedBy(conv)
}
