package eventbridge

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
)

type fakeTargets struct {
	targets []types.Target
	fail    bool
	listed  []string
	puts    []*eventbridge.PutTargetsInput
}

func (f *fakeTargets) ListTargetsByRule(_ context.Context, in *eventbridge.ListTargetsByRuleInput, _ ...func(*eventbridge.Options)) (*eventbridge.ListTargetsByRuleOutput, error) {
	f.listed = append(f.listed, aws.ToString(in.EventBusName)+" "+aws.ToString(in.Rule))
	return &eventbridge.ListTargetsByRuleOutput{Targets: f.targets}, nil
}

func (f *fakeTargets) PutTargets(_ context.Context, in *eventbridge.PutTargetsInput, _ ...func(*eventbridge.Options)) (*eventbridge.PutTargetsOutput, error) {
	f.puts = append(f.puts, in)
	if f.fail {
		return &eventbridge.PutTargetsOutput{FailedEntryCount: 1, FailedEntries: []types.PutTargetsResultEntry{{
			TargetId: aws.String("t1"), ErrorCode: aws.String("ValidationException"), ErrorMessage: aws.String("bad")}}}, nil
	}
	return &eventbridge.PutTargetsOutput{}, nil
}

func ecsTarget(id string, groups ...string) types.Target {
	return types.Target{Id: aws.String(id), Arn: aws.String("arn:aws:ecs:eu-west-1:111111111111:cluster/main"),
		RoleArn: aws.String("arn:aws:iam::111111111111:role/ecsEvents"), Input: aws.String(`{"a":1}`),
		RetryPolicy: &types.RetryPolicy{MaximumRetryAttempts: aws.Int32(3)},
		EcsParameters: &types.EcsParameters{TaskDefinitionArn: aws.String("arn:aws:ecs:eu-west-1:111111111111:task-definition/job:3"),
			TaskCount: aws.Int32(2), LaunchType: types.LaunchTypeFargate, PlatformVersion: aws.String("LATEST"),
			NetworkConfiguration: &types.NetworkConfiguration{AwsvpcConfiguration: &types.AwsVpcConfiguration{
				Subnets: []string{"subnet-1"}, SecurityGroups: groups, AssignPublicIp: types.AssignPublicIpDisabled}}}}
}

// PutTargets replaces a target whole: the one target moved goes back as
// read, only its groups changed; the other targets are not sent.
func TestPutTargetSendsTheTargetBackWhole(t *testing.T) {
	f := &fakeTargets{targets: []types.Target{ecsTarget("t0", "sg-def"), ecsTarget("t1", "sg-web", "sg-def")}}
	if err := putTargetGroups(context.Background(), f, "orders/nightly", "t1", []string{"sg-web", "sg-new"}); err != nil {
		t.Fatal(err)
	}
	if len(f.puts) != 1 || aws.ToString(f.puts[0].EventBusName) != "orders" || aws.ToString(f.puts[0].Rule) != "nightly" {
		t.Fatalf("puts %+v, listed %v", f.puts, f.listed)
	}
	want := ecsTarget("t1", "sg-web", "sg-new")
	if got := f.puts[0].Targets; len(got) != 1 || !reflect.DeepEqual(got[0], want) {
		t.Fatalf("sent %+v\nwant %+v", got, want)
	}
	if g := f.targets[1].EcsParameters.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups; !reflect.DeepEqual(g, []string{"sg-web", "sg-def"}) {
		t.Fatalf("the read target was changed in place: %v", g)
	}
}

func TestPutTargetFailedEntryIsAnError(t *testing.T) {
	f := &fakeTargets{targets: []types.Target{ecsTarget("t1", "sg-def")}, fail: true}
	err := putTargetGroups(context.Background(), f, "nightly", "t1", []string{"sg-new"})
	if err == nil || !strings.Contains(err.Error(), "ValidationException") || f.listed[0] != "default nightly" {
		t.Fatalf("err %v, listed %v", err, f.listed)
	}
}

func TestSplitRule(t *testing.T) {
	for id, want := range map[string]string{"nightly": "default|nightly", "orders/nightly": "orders|nightly",
		"aws.partner/saas.com/123/bus/r": "aws.partner/saas.com/123/bus|r"} {
		if b, r := splitRule(id); b+"|"+r != want {
			t.Errorf("%s: %s|%s, want %s", id, b, r, want)
		}
	}
}
