package ecs

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

// fakeECS has one cluster with 23 services: three DescribeServices calls.
type fakeECS struct {
	services  []types.Service
	describes int
}

func (f *fakeECS) ListClusters(context.Context, *ecs.ListClustersInput, ...func(*ecs.Options)) (*ecs.ListClustersOutput, error) {
	return &ecs.ListClustersOutput{ClusterArns: []string{"arn:aws:ecs:r:1:cluster/main"}}, nil
}

func (f *fakeECS) ListServices(_ context.Context, in *ecs.ListServicesInput, _ ...func(*ecs.Options)) (*ecs.ListServicesOutput, error) {
	out := &ecs.ListServicesOutput{}
	for _, s := range f.services {
		out.ServiceArns = append(out.ServiceArns, aws.ToString(s.ServiceArn))
	}
	return out, nil
}

func (f *fakeECS) DescribeServices(_ context.Context, in *ecs.DescribeServicesInput, _ ...func(*ecs.Options)) (*ecs.DescribeServicesOutput, error) {
	f.describes++
	if len(in.Services) > 10 {
		return nil, fmt.Errorf("DescribeServices takes at most 10 services, got %d", len(in.Services))
	}
	if !slices.Contains(in.Include, types.ServiceFieldTags) {
		// Without include=TAGS AWS returns no tags, and a stack-owned
		// service would look unmanaged.
		return nil, svctest.Unexpected("DescribeServices without include=TAGS")
	}
	out := &ecs.DescribeServicesOutput{}
	for _, s := range f.services {
		for _, arn := range in.Services {
			if arn == aws.ToString(s.ServiceArn) {
				out.Services = append(out.Services, s)
			}
		}
	}
	return out, nil
}

func TestECSServicesFindServiceDeploymentAndTaskSetGroups(t *testing.T) {
	net := func(ids ...string) *types.NetworkConfiguration {
		return &types.NetworkConfiguration{AwsvpcConfiguration: &types.AwsVpcConfiguration{SecurityGroups: ids}}
	}
	f := &fakeECS{}
	for i := range 20 {
		f.services = append(f.services, types.Service{ServiceArn: aws.String(fmt.Sprintf("arn:s/%d", i)), ServiceName: aws.String(fmt.Sprint(i)),
			ClusterArn: aws.String("arn:aws:ecs:r:1:cluster/main"), NetworkConfiguration: net("sg-other")})
	}
	f.services = append(f.services,
		types.Service{ServiceArn: aws.String("arn:s/api"), ServiceName: aws.String("api"), ClusterArn: aws.String("arn:aws:ecs:r:1:cluster/main"),
			NetworkConfiguration: net("sg-new"), Deployments: []types.Deployment{
				{Id: aws.String("d1"), Status: aws.String("PRIMARY"), NetworkConfiguration: net("sg-new")},
				{Id: aws.String("d0"), Status: aws.String("ACTIVE"), NetworkConfiguration: net("sg-def")}}},
		types.Service{ServiceArn: aws.String("arn:s/ext"), ServiceName: aws.String("ext"), ClusterArn: aws.String("arn:aws:ecs:r:1:cluster/main"),
			TaskSets: []types.TaskSet{{Id: aws.String("ts1"), NetworkConfiguration: net("sg-def2", "sg-def2")}}},
		types.Service{ServiceArn: aws.String("arn:s/bridge"), ServiceName: aws.String("bridge")})
	us, err := findECSServices(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:main/api:latent sg-def2:main/ext:latent" {
		t.Fatalf("got %q", got)
	}
	if us[0].Detail != "in deployment d0 (ACTIVE); tasks get interfaces with it as they start" || f.describes != 3 {
		t.Fatalf("detail %q, %d DescribeServices calls (want 3)", us[0].Detail, f.describes)
	}
}
