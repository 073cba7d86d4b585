package sagemaker

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	smtypes "github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

type fakeSageMakerModels struct {
	names  []string
	groups map[string][]string
}

func (f *fakeSageMakerModels) ListModels(_ context.Context, in *sagemaker.ListModelsInput, _ ...func(*sagemaker.Options)) (*sagemaker.ListModelsOutput, error) {
	i := len(aws.ToString(in.NextToken))
	out := &sagemaker.ListModelsOutput{Models: []smtypes.ModelSummary{{ModelName: aws.String(f.names[i])}}}
	if i+1 < len(f.names) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func (f *fakeSageMakerModels) DescribeModel(_ context.Context, in *sagemaker.DescribeModelInput, _ ...func(*sagemaker.Options)) (*sagemaker.DescribeModelOutput, error) {
	out := &sagemaker.DescribeModelOutput{ModelName: in.ModelName}
	if g, ok := f.groups[aws.ToString(in.ModelName)]; ok {
		out.VpcConfig = &smtypes.VpcConfig{SecurityGroupIds: g}
	}
	return out, nil
}

func TestSageMakerModelsAcrossPages(t *testing.T) {
	f := &fakeSageMakerModels{names: []string{"no-vpc", "churn", "web"}, groups: map[string][]string{"churn": {"sg-def"}, "web": {"sg-x"}}}
	us, err := findSageMakerModels(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:churn:latent" {
		t.Fatalf("got %q", got)
	}
}
