package finders

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/pipes"
	ptypes "github.com/aws/aws-sdk-go-v2/service/pipes/types"
	"github.com/aws/aws-sdk-go-v2/service/scheduler"
	stypes "github.com/aws/aws-sdk-go-v2/service/scheduler/types"
)

// fakeScheduler serves one schedule a page; Get checks the group is passed.
type fakeScheduler struct {
	list []stypes.ScheduleSummary
	get  map[string]*stypes.Target // group/name -> target
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
		return nil, errUnexpected("GetSchedule " + key)
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
	us, err := findSchedules(context.Background(), f, target)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(us); got != "sg-def:nightly:latent subnets:subnet-2:ops/hourly:latent" {
		t.Fatalf("got %q", got)
	}
}

type fakePipes struct {
	names  []string
	params map[string]*ptypes.PipeTargetParameters
}

func (f *fakePipes) ListPipes(_ context.Context, in *pipes.ListPipesInput, _ ...func(*pipes.Options)) (*pipes.ListPipesOutput, error) {
	i := len(aws.ToString(in.NextToken))
	out := &pipes.ListPipesOutput{Pipes: []ptypes.Pipe{{Name: aws.String(f.names[i])}}}
	if i+1 < len(f.names) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func (f *fakePipes) DescribePipe(_ context.Context, in *pipes.DescribePipeInput, _ ...func(*pipes.Options)) (*pipes.DescribePipeOutput, error) {
	return &pipes.DescribePipeOutput{Name: in.Name, Arn: aws.String("arn:" + aws.ToString(in.Name)), Target: aws.String("arn:cluster"),
		TargetParameters: f.params[aws.ToString(in.Name)]}, nil
}

func TestPipesFindsECSTargets(t *testing.T) {
	ecs := func(groups ...string) *ptypes.PipeTargetParameters {
		return &ptypes.PipeTargetParameters{EcsTaskParameters: &ptypes.PipeTargetEcsTaskParameters{NetworkConfiguration: &ptypes.NetworkConfiguration{
			AwsvpcConfiguration: &ptypes.AwsVpcConfiguration{Subnets: []string{"subnet-1"}, SecurityGroups: groups}}}}
	}
	f := &fakePipes{names: []string{"to-lambda", "orders", "web", "bare"}, params: map[string]*ptypes.PipeTargetParameters{
		"to-lambda": {}, "orders": ecs("sg-def2"), "web": ecs("sg-x"), "bare": ecs()}}
	us, err := findPipes(context.Background(), f, target)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(us); got != "sg-def2:orders:latent subnets:subnet-1:bare:latent" {
		t.Fatalf("got %q", got)
	}
}
