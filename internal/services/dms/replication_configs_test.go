package dms

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	dms "github.com/aws/aws-sdk-go-v2/service/databasemigrationservice"
	"github.com/aws/aws-sdk-go-v2/service/databasemigrationservice/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// fakeConfigs serves one config a page and the subnet groups, counting
// the subnet group reads.
type fakeConfigs struct {
	configs      []types.ReplicationConfig
	subnetGroups []types.ReplicationSubnetGroup
	groupReads   int
}

func (f *fakeConfigs) DescribeReplicationConfigs(_ context.Context, in *dms.DescribeReplicationConfigsInput, _ ...func(*dms.Options)) (*dms.DescribeReplicationConfigsOutput, error) {
	i := len(aws.ToString(in.Marker))
	out := &dms.DescribeReplicationConfigsOutput{ReplicationConfigs: f.configs[i : i+1]}
	if i+1 < len(f.configs) {
		out.Marker = aws.String(aws.ToString(in.Marker) + "n")
	}
	return out, nil
}

func (f *fakeConfigs) DescribeReplicationSubnetGroups(context.Context, *dms.DescribeReplicationSubnetGroupsInput, ...func(*dms.Options)) (*dms.DescribeReplicationSubnetGroupsOutput, error) {
	f.groupReads++
	return &dms.DescribeReplicationSubnetGroupsOutput{ReplicationSubnetGroups: f.subnetGroups}, nil
}

func replication(name, subnetGroup string, groups ...string) types.ReplicationConfig {
	return types.ReplicationConfig{ReplicationConfigIdentifier: aws.String(name), ReplicationConfigArn: aws.String("arn:" + name),
		ComputeConfig: &types.ComputeConfig{ReplicationSubnetGroupId: aws.String(subnetGroup), VpcSecurityGroupIds: groups}}
}

func TestReplicationConfigsNamedAndNoGroup(t *testing.T) {
	target := svctest.Target
	target.VpcOf = map[string]string{"sg-def": "vpc-1", "sg-def2": "vpc-2"}
	f := &fakeConfigs{
		configs: []types.ReplicationConfig{
			replication("named", "sg-a", "sg-x", "sg-def"),
			replication("web", "sg-a", "sg-x"),
			replication("none", "Data"), // the VPC of subnet group "data"
			replication("none-too", "data"),
		},
		subnetGroups: []types.ReplicationSubnetGroup{{ReplicationSubnetGroupIdentifier: aws.String("sg-a"), VpcId: aws.String("vpc-1")},
			{ReplicationSubnetGroupIdentifier: aws.String("data"), VpcId: aws.String("vpc-2")}},
	}
	us, err := findReplicationConfigs(context.Background(), f, target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:named:latent sg-def2:none:latent sg-def2:none-too:latent" {
		t.Fatalf("got %s", got)
	}
	if f.groupReads != 1 || us[0].ResourceKind != ReplicationConfig || us[0].Change != usage.ChangeInPlace || !strings.Contains(us[1].Detail, "names no security group") {
		t.Fatalf("subnet group reads %d, %+v", f.groupReads, us)
	}
}

// A config naming no group whose subnet group is not found cannot be
// placed: unknown, never unused.
func TestReplicationConfigsUnknownSubnetGroupIsAnError(t *testing.T) {
	f := &fakeConfigs{configs: []types.ReplicationConfig{replication("none", "gone")}}
	if _, err := findReplicationConfigs(context.Background(), f, svctest.Target); err == nil || !strings.Contains(err.Error(), `"gone"`) {
		t.Fatalf("err %v", err)
	}
}
