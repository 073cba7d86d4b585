package msk

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kafka"
	kafkatypes "github.com/aws/aws-sdk-go-v2/service/kafka/types"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

type fakeKafka struct{ pages [][]kafkatypes.Cluster }

func (f *fakeKafka) ListClustersV2(_ context.Context, in *kafka.ListClustersV2Input, _ ...func(*kafka.Options)) (*kafka.ListClustersV2Output, error) {
	i := 0
	if in.NextToken != nil {
		i = 1
	}
	out := &kafka.ListClustersV2Output{ClusterInfoList: f.pages[i]}
	if i == 0 {
		out.NextToken = aws.String("p2")
	}
	return out, nil
}

func TestMSKClustersProvisionedAndServerless(t *testing.T) {
	prov := func(name string, groups ...string) kafkatypes.Cluster {
		return kafkatypes.Cluster{ClusterName: aws.String(name), Provisioned: &kafkatypes.Provisioned{
			BrokerNodeGroupInfo: &kafkatypes.BrokerNodeGroupInfo{SecurityGroups: groups}}}
	}
	sls := func(name string, groups ...string) kafkatypes.Cluster {
		return kafkatypes.Cluster{ClusterName: aws.String(name), Tags: map[string]string{"aws:cloudformation:stack-name": "s"},
			Serverless: &kafkatypes.Serverless{VpcConfigs: []kafkatypes.VpcConfig{{SecurityGroupIds: groups}}}}
	}
	f := &fakeKafka{pages: [][]kafkatypes.Cluster{
		{prov("a", "sg-x"), prov("b", "sg-def"), {ClusterName: aws.String("bare")}},
		{sls("c", "sg-x", "sg-def2")},
	}}
	us, err := findMSKClusters(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:b:live sg-def2:c:live" {
		t.Fatalf("got %q", got)
	}
	if us[1].ManagedBy != "cloudformation:s" || us[1].Change != "replacement" {
		t.Fatalf("got %+v", us[1])
	}
}
