package dms

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	dms "github.com/aws/aws-sdk-go-v2/service/databasemigrationservice"
	"github.com/aws/aws-sdk-go-v2/service/databasemigrationservice/types"
	"github.com/aws/smithy-go"

	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

// fakeConfigAPI serves one config and its replications (none: DMS's
// ResourceNotFoundFault) and records the modifications.
type fakeConfigAPI struct {
	config       types.ReplicationConfig
	replications []types.Replication
	modified     []*dms.ModifyReplicationConfigInput
}

func notFound() error {
	return &smithy.GenericAPIError{Code: "ResourceNotFoundFault", Message: "No replications found matching provided filters"}
}

func (f *fakeConfigAPI) DescribeReplicationConfigs(_ context.Context, in *dms.DescribeReplicationConfigsInput, _ ...func(*dms.Options)) (*dms.DescribeReplicationConfigsOutput, error) {
	if len(in.Filters) != 1 || aws.ToString(in.Filters[0].Name) != "replication-config-arn" ||
		!reflect.DeepEqual(in.Filters[0].Values, []string{aws.ToString(f.config.ReplicationConfigArn)}) {
		return nil, notFound()
	}
	c := f.config
	cc := *c.ComputeConfig
	c.ComputeConfig = &cc
	return &dms.DescribeReplicationConfigsOutput{ReplicationConfigs: []types.ReplicationConfig{c}}, nil
}

func (f *fakeConfigAPI) DescribeReplications(_ context.Context, in *dms.DescribeReplicationsInput, _ ...func(*dms.Options)) (*dms.DescribeReplicationsOutput, error) {
	if len(in.Filters) != 1 || aws.ToString(in.Filters[0].Name) != "replication-config-arn" {
		return nil, svctest.Unexpected("DescribeReplications without the config's ARN")
	}
	if len(f.replications) == 0 {
		return nil, notFound()
	}
	return &dms.DescribeReplicationsOutput{Replications: f.replications}, nil
}

func (f *fakeConfigAPI) ModifyReplicationConfig(_ context.Context, in *dms.ModifyReplicationConfigInput, _ ...func(*dms.Options)) (*dms.ModifyReplicationConfigOutput, error) {
	f.modified = append(f.modified, in)
	f.config.ComputeConfig = in.ComputeConfig
	return &dms.ModifyReplicationConfigOutput{}, nil
}

// fullCompute sets every member of ComputeConfig.
func fullCompute(groups ...string) *types.ComputeConfig {
	return &types.ComputeConfig{AvailabilityZone: aws.String("us-east-1a"), DnsNameServers: aws.String("10.0.0.2"),
		KmsKeyId: aws.String("arn:aws:kms:us-east-1:1:key/k"), MaxCapacityUnits: aws.Int32(16), MinCapacityUnits: aws.Int32(2),
		MultiAZ: aws.Bool(false), PreferredMaintenanceWindow: aws.String("sun:04:00-sun:04:30"),
		ReplicationSubnetGroupId: aws.String("data"), VpcSecurityGroupIds: groups}
}

var configRes = svc.Resource{Kind: ReplicationConfig, ID: "migrate", ARN: "arn:aws:dms:us-east-1:1:replication-config:ABC"}

func newFakeConfig(groups ...string) *fakeConfigAPI {
	return &fakeConfigAPI{config: types.ReplicationConfig{ReplicationConfigIdentifier: aws.String(configRes.ID),
		ReplicationConfigArn: aws.String(configRes.ARN), ComputeConfig: fullCompute(groups...)}}
}

// ComputeConfig goes back whole, as read, only the groups swapped; nothing
// else of the config is sent.
func TestConfigMoveSendsComputeConfigWhole(t *testing.T) {
	f := newFakeConfig("sg-web", "sg-def")
	if err := setConfigGroups(context.Background(), f, configRes, []string{"sg-web", "sg-new"}); err != nil {
		t.Fatal(err)
	}
	want := &dms.ModifyReplicationConfigInput{ReplicationConfigArn: aws.String(configRes.ARN), ComputeConfig: fullCompute("sg-web", "sg-new")}
	if len(f.modified) != 1 || !reflect.DeepEqual(f.modified[0], want) {
		t.Fatalf("sent %+v, want %+v", f.modified, want)
	}
	// Again: the config has the groups, nothing is called.
	if err := setConfigGroups(context.Background(), f, configRes, []string{"sg-web", "sg-new"}); err != nil || len(f.modified) != 1 {
		t.Fatalf("second set: %v, %d calls", err, len(f.modified))
	}
}

// A Multi-AZ config reports the zone it runs in, but AvailabilityZone
// cannot be sent with MultiAZ true: it is left out, the rest goes back.
func TestConfigMoveOfMultiAZLeavesTheZoneOut(t *testing.T) {
	f := newFakeConfig("sg-def")
	f.config.ComputeConfig.MultiAZ = aws.Bool(true)
	if err := setConfigGroups(context.Background(), f, configRes, []string{"sg-new"}); err != nil {
		t.Fatal(err)
	}
	want := fullCompute("sg-new")
	want.MultiAZ, want.AvailabilityZone = aws.Bool(true), nil
	if len(f.modified) != 1 || !reflect.DeepEqual(f.modified[0].ComputeConfig, want) {
		t.Fatalf("sent %+v, want %+v", f.modified[0].ComputeConfig, want)
	}
}

// fullCompute must set every member the SDK has, so that the test above
// fails when a new one would not be sent back.
func TestFullComputeSetsEveryMember(t *testing.T) {
	v := reflect.ValueOf(*fullCompute("sg-def"))
	for i := 0; i < v.NumField(); i++ {
		if f := v.Type().Field(i); f.IsExported() && v.Field(i).IsZero() {
			t.Errorf("ComputeConfig.%s is not set by fullCompute", f.Name)
		}
	}
}

// A config is changed only while no replication of it runs; a started one
// is refused before any change, and never stopped.
func TestConfigMoveRefusesAStartedReplication(t *testing.T) {
	for _, c := range []struct {
		status, provision string
		refused           bool
	}{
		{"", "", false}, // no replication yet
		{"created", "", false},
		{"failed", "", false},
		{"running", "", true},
		{"starting", "", true},
		{"stopped", "", true},
		{"stopped", "failed_provision", false},
	} {
		f := newFakeConfig("sg-def")
		if c.status != "" {
			f.replications = []types.Replication{{ReplicationConfigArn: aws.String(configRes.ARN), Status: aws.String(c.status),
				ProvisionData: &types.ProvisionData{ProvisionState: aws.String(c.provision)}}}
		}
		err := setConfigGroups(context.Background(), f, configRes, []string{"sg-new"})
		if refused := errors.Is(err, ErrReplicationStarted); refused != c.refused || (err != nil && !refused) {
			t.Errorf("%s/%s: %v, want refused %v", c.status, c.provision, err, c.refused)
		}
		if c.refused && len(f.modified) != 0 {
			t.Errorf("%s: modified a started replication's config", c.status)
		}
		if !c.refused && len(f.modified) != 1 {
			t.Errorf("%s/%s: %d modifications, want 1", c.status, c.provision, len(f.modified))
		}
	}
}

// A rollback of a move that was refused finds the config as recorded and
// calls nothing, even while its replication runs.
func TestConfigRestoreOfARefusedMoveCallsNothing(t *testing.T) {
	f := newFakeConfig("sg-def")
	f.replications = []types.Replication{{Status: aws.String("running")}}
	if err := setConfigGroups(context.Background(), f, configRes, []string{"sg-def"}); err != nil || len(f.modified) != 0 {
		t.Fatalf("restore: %v, %d calls", err, len(f.modified))
	}
}

// A config that no longer exists is svc.ErrNotFound (verify: gone).
func TestConfigGoneIsNotFound(t *testing.T) {
	f := newFakeConfig("sg-def")
	_, err := readConfig(context.Background(), f, svc.Resource{ID: "gone", ARN: "arn:gone"})
	if !errors.Is(err, svc.ErrNotFound) {
		t.Fatalf("got %v, want ErrNotFound", err)
	}
}
