package pipes

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/pipes"
	ptypes "github.com/aws/aws-sdk-go-v2/service/pipes/types"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

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
	us, err := findPipes(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def2:orders:latent subnets:subnet-1:bare:latent" {
		t.Fatalf("got %q", got)
	}
}
