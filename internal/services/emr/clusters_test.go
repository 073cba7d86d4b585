package emr

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/emr"
	emrtypes "github.com/aws/aws-sdk-go-v2/service/emr/types"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

type fakeEMR struct {
	clusters map[string]*emrtypes.Ec2InstanceAttributes
}

func (f *fakeEMR) ListClusters(_ context.Context, in *emr.ListClustersInput, _ ...func(*emr.Options)) (*emr.ListClustersOutput, error) {
	if len(in.ClusterStates) == 0 {
		return nil, svctest.Unexpected("ListClusters without active states")
	}
	if in.Marker == nil {
		return &emr.ListClustersOutput{Clusters: []emrtypes.ClusterSummary{{Id: aws.String("j-1")}}, Marker: aws.String("m")}, nil
	}
	return &emr.ListClustersOutput{Clusters: []emrtypes.ClusterSummary{{Id: aws.String("j-2")}, {Id: aws.String("j-3")}}}, nil
}

func (f *fakeEMR) DescribeCluster(_ context.Context, in *emr.DescribeClusterInput, _ ...func(*emr.Options)) (*emr.DescribeClusterOutput, error) {
	id := aws.ToString(in.ClusterId)
	return &emr.DescribeClusterOutput{Cluster: &emrtypes.Cluster{Id: in.ClusterId, Name: aws.String("c" + id), Ec2InstanceAttributes: f.clusters[id]}}, nil
}

func TestEMRClustersEveryGroupRoleOnce(t *testing.T) {
	f := &fakeEMR{clusters: map[string]*emrtypes.Ec2InstanceAttributes{
		"j-1": {EmrManagedMasterSecurityGroup: aws.String("sg-x"), EmrManagedSlaveSecurityGroup: aws.String("sg-x")},
		"j-2": {EmrManagedMasterSecurityGroup: aws.String("sg-def"), EmrManagedSlaveSecurityGroup: aws.String("sg-def"),
			AdditionalSlaveSecurityGroups: []string{"sg-def2"}},
		"j-3": {EmrManagedMasterSecurityGroup: aws.String("sg-x"), ServiceAccessSecurityGroup: aws.String("sg-def2")},
	}}
	us, err := findEMRClusters(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:cj-2:live sg-def2:cj-2:live sg-def2:cj-3:live" {
		t.Fatalf("got %q", got)
	}
}
