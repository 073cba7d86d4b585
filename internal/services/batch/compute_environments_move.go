package batch

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/batch"
	"github.com/aws/aws-sdk-go-v2/service/batch/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// fargateMover moves a FARGATE or FARGATE_SPOT compute environment with
// UpdateComputeEnvironment computeResources.securityGroupIds, which AWS
// lists among the settings of a Fargate environment that can be updated;
// running jobs keep their tasks, the next ones take the new groups. The
// environment is UPDATING meanwhile; Settled waits for VALID, and INVALID
// is an error. EC2 and Spot environments are another kind (manual: their
// update replaces instances).
var fargateMover = svc.Mover{
	API:  "batch:UpdateComputeEnvironment",
	ARNs: []string{"arn:aws:batch:*:*:compute-environment/*"},
	IAM:  []string{"batch:DescribeComputeEnvironments", "batch:UpdateComputeEnvironment"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		ce, err := describeEnvironment(ctx, batch.NewFromConfig(cfg), r.ID)
		if err != nil || ce.ComputeResources == nil {
			return nil, err
		}
		return svc.One(r.ID, ce.ComputeResources.SecurityGroupIds, group), nil
	},
	Move:    svc.SwapWith(setEnvironment),
	Restore: svc.RestoreWith(setEnvironment),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		ce, err := describeEnvironment(ctx, batch.NewFromConfig(cfg), r.ID)
		if err != nil {
			return "", err
		}
		switch ce.Status {
		case types.CEStatusValid:
			return "", nil
		case types.CEStatusInvalid:
			return "", svc.OpErr("batch:UpdateComputeEnvironment", &svc.SettleError{Reason: aws.ToString(ce.StatusReason)})
		}
		return "status " + string(ce.Status), nil
	},
}

func describeEnvironment(ctx context.Context, api *batch.Client, name string) (types.ComputeEnvironmentDetail, error) {
	out, err := api.DescribeComputeEnvironments(ctx, &batch.DescribeComputeEnvironmentsInput{ComputeEnvironments: []string{name}})
	if err != nil {
		return types.ComputeEnvironmentDetail{}, svc.OpErr("batch:DescribeComputeEnvironments", err)
	}
	if len(out.ComputeEnvironments) == 0 {
		return types.ComputeEnvironmentDetail{}, svc.OpErr("batch:DescribeComputeEnvironments", svc.ErrNotFound)
	}
	return out.ComputeEnvironments[0], nil
}

func setEnvironment(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	_, err := batch.NewFromConfig(cfg).UpdateComputeEnvironment(ctx, &batch.UpdateComputeEnvironmentInput{ComputeEnvironment: aws.String(r.ID),
		ComputeResources: &types.ComputeResourceUpdate{SecurityGroupIds: groups}})
	return svc.OpErr("batch:UpdateComputeEnvironment", err)
}
