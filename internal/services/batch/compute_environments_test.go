package batch

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/batch"
	btypes "github.com/aws/aws-sdk-go-v2/service/batch/types"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

type fakeBatch struct {
	envs []btypes.ComputeEnvironmentDetail
}

func (f *fakeBatch) DescribeComputeEnvironments(_ context.Context, in *batch.DescribeComputeEnvironmentsInput, _ ...func(*batch.Options)) (*batch.DescribeComputeEnvironmentsOutput, error) {
	i := len(aws.ToString(in.NextToken))
	out := &batch.DescribeComputeEnvironmentsOutput{ComputeEnvironments: f.envs[i : i+1]}
	if i+1 < len(f.envs) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func TestBatchComputeEnvironmentsAcrossPages(t *testing.T) {
	env := func(name string, lt bool, groups ...string) btypes.ComputeEnvironmentDetail {
		d := btypes.ComputeEnvironmentDetail{ComputeEnvironmentName: aws.String(name)}
		if groups != nil {
			d.ComputeResources = &btypes.ComputeResource{Type: btypes.CRTypeEc2, SecurityGroupIds: groups}
			if lt {
				d.ComputeResources.LaunchTemplate = &btypes.LaunchTemplateSpecification{LaunchTemplateName: aws.String("batch-lt")}
			}
		}
		return d
	}
	f := &fakeBatch{envs: []btypes.ComputeEnvironmentDetail{env("unmanaged", false), env("gpu", true, "sg-x", "sg-def"), env("web", false, "sg-x")}}
	us, err := findBatchComputeEnvironments(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:gpu:latent" || us[0].Detail != "jobs run in it (EC2); launch template batch-lt may also name groups" {
		t.Fatalf("got %q %+v", got, us)
	}
}
