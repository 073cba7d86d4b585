package sagemaker

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

// fakePipelines serves one pipeline a page and each one's definition.
type fakePipelines struct {
	names []string
	defs  map[string]string
}

func (f *fakePipelines) ListPipelines(_ context.Context, in *sagemaker.ListPipelinesInput, _ ...func(*sagemaker.Options)) (*sagemaker.ListPipelinesOutput, error) {
	i := len(aws.ToString(in.NextToken))
	out := &sagemaker.ListPipelinesOutput{PipelineSummaries: []types.PipelineSummary{{PipelineName: aws.String(f.names[i])}}}
	if i+1 < len(f.names) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func (f *fakePipelines) DescribePipeline(_ context.Context, in *sagemaker.DescribePipelineInput, _ ...func(*sagemaker.Options)) (*sagemaker.DescribePipelineOutput, error) {
	def, ok := f.defs[aws.ToString(in.PipelineName)]
	if !ok {
		return nil, svctest.Unexpected("DescribePipeline")
	}
	return &sagemaker.DescribePipelineOutput{PipelineName: in.PipelineName, PipelineArn: aws.String("arn:" + aws.ToString(in.PipelineName)), PipelineDefinition: aws.String(def)}, nil
}

func steps(s string) string { return `{"Version": "2020-12-01", "Steps": [` + s + `]}` }

func TestPipelinesStepVpcConfigs(t *testing.T) {
	f := &fakePipelines{
		names: []string{"train", "process", "web", "none", "dynamic"},
		defs: map[string]string{
			"train":   steps(`{"Name": "T", "Type": "Training", "Arguments": {"VpcConfig": {"SecurityGroupIds": ["sg-x", "sg-def"], "Subnets": ["subnet-1"]}}}`),
			"process": steps(`{"Name": "C", "Type": "Condition", "Arguments": {"IfSteps": [{"Name": "P", "Type": "Processing", "Arguments": {"NetworkConfig": {"VpcConfig": {"SecurityGroupIds": ["sg-def2"], "Subnets": ["s"]}}}}]}}`),
			"web":     steps(`{"Name": "T", "Type": "Training", "Arguments": {"VpcConfig": {"SecurityGroupIds": ["sg-x"], "Subnets": ["s"]}}}`),
			"none":    steps(`{"Name": "L", "Type": "Lambda", "Arguments": {}}`),
			"dynamic": steps(`{"Name": "T", "Type": "Training", "Arguments": {"VpcConfig": {"SecurityGroupIds": [{"Get": "Parameters.Groups"}], "Subnets": ["s"]}}}`),
		}}
	us, err := findPipelines(context.Background(), f, svctest.Target)
	if err == nil || !strings.Contains(err.Error(), "pipeline dynamic") {
		t.Fatalf("err %v", err)
	}
	if got := svctest.IDs(us); got != "sg-def:train:latent sg-def2:process:latent" {
		t.Fatalf("got %s", got)
	}
	if us[0].ResourceKind != Pipeline {
		t.Fatalf("%+v", us[0])
	}
}
