package scheduler

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/scheduler"
	stypes "github.com/aws/aws-sdk-go-v2/service/scheduler/types"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

// fakeScheduler serves one schedule a page; Get checks the group is passed.
type fakeScheduler struct {
	list []stypes.ScheduleSummary
	get  map[string]*stypes.Target // group/name -> svctest.Target
}

func (f *fakeScheduler) ListSchedules(_ context.Context, in *scheduler.ListSchedulesInput, _ ...func(*scheduler.Options)) (*scheduler.ListSchedulesOutput, error) {
	i := len(aws.ToString(in.NextToken))
	out := &scheduler.ListSchedulesOutput{Schedules: f.list[i : i+1]}
	if i+1 < len(f.list) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func (f *fakeScheduler) GetSchedule(_ context.Context, in *scheduler.GetScheduleInput, _ ...func(*scheduler.Options)) (*scheduler.GetScheduleOutput, error) {
	key := aws.ToString(in.GroupName) + "/" + aws.ToString(in.Name)
	tg, ok := f.get[key]
	if !ok {
		return nil, svctest.Unexpected("GetSchedule " + key)
	}
	return &scheduler.GetScheduleOutput{Name: in.Name, GroupName: in.GroupName, Arn: aws.String("arn:" + key), Target: tg}, nil
}

func TestSchedulerFindsECSTargetsInEveryGroup(t *testing.T) {
	ecs := func(subnet string, groups ...string) *stypes.Target {
		return &stypes.Target{Arn: aws.String("arn:cluster"), EcsParameters: &stypes.EcsParameters{NetworkConfiguration: &stypes.NetworkConfiguration{
			AwsvpcConfiguration: &stypes.AwsVpcConfiguration{Subnets: []string{subnet}, SecurityGroups: groups}}}}
	}
	sum := func(group, name string) stypes.ScheduleSummary {
		return stypes.ScheduleSummary{Name: aws.String(name), GroupName: aws.String(group)}
	}
	f := &fakeScheduler{
		list: []stypes.ScheduleSummary{sum("default", "lambda"), sum("default", "nightly"), sum("ops", "hourly"), sum("ops", "web")},
		get: map[string]*stypes.Target{
			"default/lambda":  {Arn: aws.String("arn:lambda")},
			"default/nightly": ecs("subnet-1", "sg-x", "sg-def"),
			"ops/hourly":      ecs("subnet-2"),
			"ops/web":         ecs("subnet-3", "sg-x"),
		}}
	us, err := findSchedules(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:nightly:latent subnets:subnet-2:ops/hourly:latent" {
		t.Fatalf("got %q", got)
	}
}
