package batch

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/batch"
	btypes "github.com/aws/aws-sdk-go-v2/service/batch/types"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
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

// A Fargate environment is its own kind, moved in place; an EC2 one stays
// a deployment (its update replaces instances).
func TestBatchFargateEnvironmentIsMovedInPlace(t *testing.T) {
	f := &fakeBatch{envs: []btypes.ComputeEnvironmentDetail{
		{ComputeEnvironmentName: aws.String("ec2"), ComputeResources: &btypes.ComputeResource{Type: btypes.CRTypeSpot, SecurityGroupIds: []string{"sg-def"}}},
		{ComputeEnvironmentName: aws.String("fg"), ComputeResources: &btypes.ComputeResource{Type: btypes.CRTypeFargateSpot, SecurityGroupIds: []string{"sg-def"}}},
	}}
	us, err := findBatchComputeEnvironments(context.Background(), f, svctest.Target)
	if err != nil || len(us) != 2 {
		t.Fatalf("%v %+v", err, us)
	}
	if us[0].ResourceKind != ComputeEnvironment || us[0].Change != usage.ChangeDeployment ||
		us[1].ResourceKind != FargateComputeEnvironment || us[1].Change != usage.ChangeInPlace {
		t.Fatalf("got %+v", us)
	}
}
