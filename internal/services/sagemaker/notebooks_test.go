package sagemaker

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	smtypes "github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

type fakeSageMaker struct {
	names  []string
	groups map[string][]string
}

func (f *fakeSageMaker) ListNotebookInstances(_ context.Context, in *sagemaker.ListNotebookInstancesInput, _ ...func(*sagemaker.Options)) (*sagemaker.ListNotebookInstancesOutput, error) {
	i := len(aws.ToString(in.NextToken))
	out := &sagemaker.ListNotebookInstancesOutput{NotebookInstances: []smtypes.NotebookInstanceSummary{{NotebookInstanceName: aws.String(f.names[i])}}}
	if i+1 < len(f.names) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func (f *fakeSageMaker) DescribeNotebookInstance(_ context.Context, in *sagemaker.DescribeNotebookInstanceInput, _ ...func(*sagemaker.Options)) (*sagemaker.DescribeNotebookInstanceOutput, error) {
	return &sagemaker.DescribeNotebookInstanceOutput{NotebookInstanceName: in.NotebookInstanceName, SecurityGroups: f.groups[aws.ToString(in.NotebookInstanceName)]}, nil
}

func TestSageMakerNotebookInstancesAcrossPages(t *testing.T) {
	f := &fakeSageMaker{names: []string{"no-vpc", "lab", "web"}, groups: map[string][]string{"lab": {"sg-x", "sg-def2"}, "web": {"sg-x"}}}
	us, err := findSageMakerNotebooks(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def2:lab:live" || us[0].Change != usage.ChangeReplacement {
		t.Fatalf("got %q %+v", got, us)
	}
}
