package pipes

import (
	"context"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/pipes"
	"github.com/aws/aws-sdk-go-v2/service/pipes/types"
)

type fakePipe struct {
	p       pipes.DescribePipeOutput
	updates []*pipes.UpdatePipeInput
}

func (f *fakePipe) DescribePipe(context.Context, *pipes.DescribePipeInput, ...func(*pipes.Options)) (*pipes.DescribePipeOutput, error) {
	p := f.p
	return &p, nil
}

func (f *fakePipe) UpdatePipe(_ context.Context, in *pipes.UpdatePipeInput, _ ...func(*pipes.Options)) (*pipes.UpdatePipeOutput, error) {
	f.updates = append(f.updates, in)
	return &pipes.UpdatePipeOutput{}, nil
}

func ecsPipe(groups ...string) pipes.DescribePipeOutput {
	return pipes.DescribePipeOutput{Name: aws.String("orders"), RoleArn: aws.String("arn:aws:iam::111111111111:role/pipe"),
		Target: aws.String("arn:aws:ecs:eu-west-1:111111111111:cluster/main"), Description: aws.String("orders to ECS"),
		TargetParameters: &types.PipeTargetParameters{InputTemplate: aws.String(`{"id": <$.id>}`),
			EcsTaskParameters: &types.PipeTargetEcsTaskParameters{TaskDefinitionArn: aws.String("arn:aws:ecs:eu-west-1:111111111111:task-definition/t:2"),
				TaskCount: aws.Int32(2), LaunchType: types.LaunchTypeFargate, Group: aws.String("g"),
				Overrides: &types.EcsTaskOverride{Cpu: aws.String("512")},
				NetworkConfiguration: &types.NetworkConfiguration{AwsvpcConfiguration: &types.AwsVpcConfiguration{
					Subnets: []string{"subnet-1"}, SecurityGroups: groups, AssignPublicIp: types.AssignPublicIpDisabled}}}}}
}

// EcsTaskParameters is replaced whole by UpdatePipe: all of it goes back,
// only the groups changed, with the role and target the pipe has.
func TestUpdatePipeSendsTheTargetParametersBackWhole(t *testing.T) {
	f := &fakePipe{p: ecsPipe("sg-def", "sg-web")}
	if err := updatePipeGroups(context.Background(), f, "orders", []string{"sg-new", "sg-web"}); err != nil {
		t.Fatal(err)
	}
	want := ecsPipe("sg-new", "sg-web")
	in := f.updates[0]
	if len(f.updates) != 1 || !reflect.DeepEqual(in.TargetParameters, want.TargetParameters) ||
		aws.ToString(in.RoleArn) != aws.ToString(want.RoleArn) || aws.ToString(in.Target) != aws.ToString(want.Target) {
		t.Fatalf("sent %+v", in)
	}
	if in.SourceParameters != nil || in.DesiredState != "" || in.Description != nil {
		t.Fatalf("sent fields it need not change: %+v", in)
	}
	if g := f.p.TargetParameters.EcsTaskParameters.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups; !reflect.DeepEqual(g, []string{"sg-def", "sg-web"}) {
		t.Fatalf("the read pipe was changed in place: %v", g)
	}
}
