package rds

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

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
	us, err := findRDSInstances(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:pg:live sg-def2:aurora-1:live" || us[0].ManagedBy != "cloudformation:db" || us[0].ResourceKind != Instance ||
		us[1].ResourceKind != ClusterMember || us[1].Parent != "aurora" {
		t.Fatalf("instances: %s %+v", got, us)
	}
	us, err = findRDSClusters(context.Background(), f, svctest.Target)
	if err != nil || svctest.IDs(us) != "sg-def2:aurora:live" {
		t.Fatalf("clusters: %s %v", svctest.IDs(us), err)
	}
}
