package dms

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	dms "github.com/aws/aws-sdk-go-v2/service/databasemigrationservice"
	dmstypes "github.com/aws/aws-sdk-go-v2/service/databasemigrationservice/types"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

type fakeDMS struct {
	pages [][]dmstypes.ReplicationInstance
}

func (f *fakeDMS) DescribeReplicationInstances(_ context.Context, in *dms.DescribeReplicationInstancesInput, _ ...func(*dms.Options)) (*dms.DescribeReplicationInstancesOutput, error) {
	i := 0
	if in.Marker != nil {
		i = 1
	}
	out := &dms.DescribeReplicationInstancesOutput{ReplicationInstances: f.pages[i]}
	if i == 0 {
		out.Marker = aws.String("p2")
	}
	return out, nil
}

func TestDMSReplicationInstancesAcrossPages(t *testing.T) {
	ri := func(name string, groups ...string) dmstypes.ReplicationInstance {
		r := dmstypes.ReplicationInstance{ReplicationInstanceIdentifier: aws.String(name),
			ReplicationSubnetGroup: &dmstypes.ReplicationSubnetGroup{VpcId: aws.String("vpc-1")}}
		for _, g := range groups {
			r.VpcSecurityGroups = append(r.VpcSecurityGroups, dmstypes.VpcSecurityGroupMembership{VpcSecurityGroupId: aws.String(g)})
		}
		return r
	}
	f := &fakeDMS{pages: [][]dmstypes.ReplicationInstance{
		{ri("a", "sg-x"), ri("b", "sg-def")},
		{ri("c"), ri("d", "sg-def2", "sg-x")},
	}}
	us, err := findDMSReplicationInstances(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:b:live sg-def2:d:live" {
		t.Fatalf("got %q", got)
	}
}
