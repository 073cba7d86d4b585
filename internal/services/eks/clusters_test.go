package eks

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

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
	us, err := findEKSClusters(context.Background(), f, svctest.Target)
	if err != nil || svctest.IDs(us) != "sg-def:a:live sg-def2:b:live" {
		t.Fatalf("got %s %v", svctest.IDs(us), err)
	}
	if us[0].Change != "in-place" || us[1].Change != "replacement" {
		t.Errorf("changes: %+v", us)
	}
}
