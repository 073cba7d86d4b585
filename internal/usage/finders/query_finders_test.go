package finders

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/efs"
	efstypes "github.com/aws/aws-sdk-go-v2/service/efs/types"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbv2types "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
)

// fakeELBv2 serves one load balancer a page; failAt makes that page fail.
type fakeELBv2 struct {
	t      *testing.T
	lbs    []elbv2types.LoadBalancer
	tags   map[string][]elbv2types.Tag
	failAt int
	tagged []string
}

func (f *fakeELBv2) DescribeLoadBalancers(_ context.Context, in *elbv2.DescribeLoadBalancersInput, _ ...func(*elbv2.Options)) (*elbv2.DescribeLoadBalancersOutput, error) {
	i := len(aws.ToString(in.Marker))
	if i == f.failAt {
		return nil, errors.New("boom")
	}
	out := &elbv2.DescribeLoadBalancersOutput{LoadBalancers: f.lbs[i : i+1]}
	if i+1 < len(f.lbs) {
		out.NextMarker = aws.String(aws.ToString(in.Marker) + "m")
	}
	return out, nil
}

func (f *fakeELBv2) DescribeTags(_ context.Context, in *elbv2.DescribeTagsInput, _ ...func(*elbv2.Options)) (*elbv2.DescribeTagsOutput, error) {
	if len(in.ResourceArns) > 20 {
		f.t.Errorf("DescribeTags with %d ARNs", len(in.ResourceArns))
	}
	out := &elbv2.DescribeTagsOutput{}
	for _, arn := range in.ResourceArns {
		f.tagged = append(f.tagged, arn)
		out.TagDescriptions = append(out.TagDescriptions, elbv2types.TagDescription{ResourceArn: aws.String(arn), Tags: f.tags[arn]})
	}
	return out, nil
}

func lbv2(name string, groups ...string) elbv2types.LoadBalancer {
	return elbv2types.LoadBalancer{LoadBalancerName: aws.String(name), LoadBalancerArn: aws.String("arn/" + name),
		Type: elbv2types.LoadBalancerTypeEnumApplication, SecurityGroups: groups}
}

func TestELBv2FindsUsersAndTagsOnlyThem(t *testing.T) {
	f := &fakeELBv2{t: t, failAt: -1, lbs: []elbv2types.LoadBalancer{lbv2("web", "sg-def"), lbv2("nlb"), lbv2("api", "sg-x", "sg-def2")},
		tags: map[string][]elbv2types.Tag{"arn/web": {{Key: aws.String("aws:cloudformation:stack-name"), Value: aws.String("edge")}}}}
	us, err := findELBv2(context.Background(), f, target)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(us); got != "sg-def:web:live sg-def2:api:live" || us[0].ManagedBy != "cloudformation:edge" || us[1].ManagedBy != "" {
		t.Fatalf("got %s %+v", got, us)
	}
	if len(f.tagged) != 2 {
		t.Errorf("tags read for %v", f.tagged)
	}
	// A failing second page keeps the first page's users and reports the error.
	f = &fakeELBv2{t: t, failAt: 1, lbs: f.lbs}
	us, err = findELBv2(context.Background(), f, target)
	if err == nil || ids(us) != "sg-def:web:live" {
		t.Fatalf("partial: %s, %v", ids(us), err)
	}
}

type fakeRDS struct {
	instances []rdstypes.DBInstance
	clusters  []rdstypes.DBCluster
}

func (f *fakeRDS) DescribeDBInstances(context.Context, *rds.DescribeDBInstancesInput, ...func(*rds.Options)) (*rds.DescribeDBInstancesOutput, error) {
	return &rds.DescribeDBInstancesOutput{DBInstances: f.instances}, nil
}

func (f *fakeRDS) DescribeDBClusters(context.Context, *rds.DescribeDBClustersInput, ...func(*rds.Options)) (*rds.DescribeDBClustersOutput, error) {
	return &rds.DescribeDBClustersOutput{DBClusters: f.clusters}, nil
}

func vsg(ids ...string) []rdstypes.VpcSecurityGroupMembership {
	var out []rdstypes.VpcSecurityGroupMembership
	for _, id := range ids {
		out = append(out, rdstypes.VpcSecurityGroupMembership{VpcSecurityGroupId: aws.String(id)})
	}
	return out
}

func TestRDSInstancesAndClusters(t *testing.T) {
	f := &fakeRDS{instances: []rdstypes.DBInstance{
		{DBInstanceIdentifier: aws.String("pg"), Engine: aws.String("postgres"), VpcSecurityGroups: vsg("sg-def"),
			TagList: []rdstypes.Tag{{Key: aws.String("aws:cloudformation:stack-name"), Value: aws.String("db")}}},
		{DBInstanceIdentifier: aws.String("aurora-1"), Engine: aws.String("aurora-postgresql"), DBClusterIdentifier: aws.String("aurora"), VpcSecurityGroups: vsg("sg-def2")},
		{DBInstanceIdentifier: aws.String("other"), VpcSecurityGroups: vsg("sg-x")},
	}, clusters: []rdstypes.DBCluster{{DBClusterIdentifier: aws.String("aurora"), VpcSecurityGroups: vsg("sg-x", "sg-def2")}}}
	us, err := findRDSInstances(context.Background(), f, target)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(us); got != "sg-def:pg:live sg-def2:aurora-1:live" || us[0].ManagedBy != "cloudformation:db" || us[1].Detail != "aurora-postgresql, member of cluster aurora: change the cluster's groups" {
		t.Fatalf("instances: %s %+v", got, us)
	}
	us, err = findRDSClusters(context.Background(), f, target)
	if err != nil || ids(us) != "sg-def2:aurora:live" {
		t.Fatalf("clusters: %s %v", ids(us), err)
	}
}

type fakeEFS struct {
	t   *testing.T
	fss []efstypes.FileSystemDescription
	mts map[string][]efstypes.MountTargetDescription
	sgs map[string][]string
}

func (f *fakeEFS) DescribeFileSystems(context.Context, *efs.DescribeFileSystemsInput, ...func(*efs.Options)) (*efs.DescribeFileSystemsOutput, error) {
	return &efs.DescribeFileSystemsOutput{FileSystems: f.fss}, nil
}

func (f *fakeEFS) DescribeMountTargets(_ context.Context, in *efs.DescribeMountTargetsInput, _ ...func(*efs.Options)) (*efs.DescribeMountTargetsOutput, error) {
	mts, ok := f.mts[aws.ToString(in.FileSystemId)]
	if !ok {
		f.t.Errorf("mount targets of %s read", aws.ToString(in.FileSystemId))
	}
	return &efs.DescribeMountTargetsOutput{MountTargets: mts}, nil
}

func (f *fakeEFS) DescribeMountTargetSecurityGroups(_ context.Context, in *efs.DescribeMountTargetSecurityGroupsInput, _ ...func(*efs.Options)) (*efs.DescribeMountTargetSecurityGroupsOutput, error) {
	return &efs.DescribeMountTargetSecurityGroupsOutput{SecurityGroups: f.sgs[aws.ToString(in.MountTargetId)]}, nil
}

func TestEFSMountTargetsSkipEmptyFileSystems(t *testing.T) {
	f := &fakeEFS{t: t, fss: []efstypes.FileSystemDescription{
		{FileSystemId: aws.String("fs-empty")},
		{FileSystemId: aws.String("fs-1"), Name: aws.String("shared"), NumberOfMountTargets: 2},
	}, mts: map[string][]efstypes.MountTargetDescription{"fs-1": {{MountTargetId: aws.String("fsmt-a")}, {MountTargetId: aws.String("fsmt-b")}}},
		sgs: map[string][]string{"fsmt-a": {"sg-x"}, "fsmt-b": {"sg-def"}}}
	us, err := findEFSMountTargets(context.Background(), f, target)
	if err != nil || ids(us) != "sg-def:fs-1 (fsmt-b):live" {
		t.Fatalf("got %s %v", ids(us), err)
	}
}

type fakeEKS struct {
	clusters map[string]ekstypes.VpcConfigResponse
}

func (f *fakeEKS) ListClusters(context.Context, *eks.ListClustersInput, ...func(*eks.Options)) (*eks.ListClustersOutput, error) {
	return &eks.ListClustersOutput{Clusters: []string{"a", "b", "c"}}, nil
}

func (f *fakeEKS) DescribeCluster(_ context.Context, in *eks.DescribeClusterInput, _ ...func(*eks.Options)) (*eks.DescribeClusterOutput, error) {
	vc := f.clusters[aws.ToString(in.Name)]
	return &eks.DescribeClusterOutput{Cluster: &ekstypes.Cluster{Name: in.Name, ResourcesVpcConfig: &vc}}, nil
}

func TestEKSClustersAdditionalAndClusterGroup(t *testing.T) {
	f := &fakeEKS{clusters: map[string]ekstypes.VpcConfigResponse{
		"a": {SecurityGroupIds: []string{"sg-def"}, ClusterSecurityGroupId: aws.String("sg-def")},
		"b": {ClusterSecurityGroupId: aws.String("sg-def2")},
		"c": {SecurityGroupIds: []string{"sg-x"}, ClusterSecurityGroupId: aws.String("sg-eks")},
	}}
	us, err := findEKSClusters(context.Background(), f, target)
	if err != nil || ids(us) != "sg-def:a:live sg-def2:b:live" {
		t.Fatalf("got %s %v", ids(us), err)
	}
	if us[0].Change != "in-place" || us[1].Change != "replacement" {
		t.Errorf("changes: %+v", us)
	}
}
