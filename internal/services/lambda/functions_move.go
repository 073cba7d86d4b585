package lambda

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// functionMover moves a function's $LATEST configuration; Lambda moves the
// function's interfaces itself. Published versions are immutable: the plan
// makes them manual steps.
var functionMover = svc.Mover{
	API:  "lambda:UpdateFunctionConfiguration",
	ARNs: []string{"arn:aws:lambda:*:*:function:*"},
	IAM:  []string{"lambda:GetFunctionConfiguration", "lambda:UpdateFunctionConfiguration"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		out, err := lambda.NewFromConfig(cfg).GetFunctionConfiguration(ctx, &lambda.GetFunctionConfigurationInput{FunctionName: aws.String(r.ID)})
		if err != nil {
			return nil, svc.OpErr("lambda:GetFunctionConfiguration", err)
		}
		if out.VpcConfig == nil {
			return nil, nil
		}
		return svc.One(r.ID, out.VpcConfig.SecurityGroupIds, group), nil
	},
	Move:    svc.SwapWith(setLambda),
	Restore: svc.RestoreWith(setLambda),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		out, err := lambda.NewFromConfig(cfg).GetFunctionConfiguration(ctx, &lambda.GetFunctionConfigurationInput{FunctionName: aws.String(r.ID)})
		if err != nil {
			return "", svc.OpErr("lambda:GetFunctionConfiguration", err)
		}
		if out.LastUpdateStatus == types.LastUpdateStatusInProgress {
			return "configuration update in progress", nil
		}
		if out.LastUpdateStatus == types.LastUpdateStatusFailed {
			return "", svc.OpErr("lambda:UpdateFunctionConfiguration", &svc.SettleError{Reason: aws.ToString(out.LastUpdateStatusReason)})
		}
		return "", nil
	},
}

// setLambda sets the groups; only SecurityGroupIds is sent with the subnets
// Lambda already has, which UpdateFunctionConfiguration requires together.
func setLambda(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	api := lambda.NewFromConfig(cfg)
	cur, err := api.GetFunctionConfiguration(ctx, &lambda.GetFunctionConfigurationInput{FunctionName: aws.String(r.ID)})
	if err != nil {
		return svc.OpErr("lambda:GetFunctionConfiguration", err)
	}
	var subnets []string
	if cur.VpcConfig != nil {
		subnets = cur.VpcConfig.SubnetIds
	}
	_, err = api.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{FunctionName: aws.String(r.ID),
		VpcConfig: &types.VpcConfig{SubnetIds: subnets, SecurityGroupIds: groups}})
	return svc.OpErr("lambda:UpdateFunctionConfiguration", err)
}

// settleError is an asynchronous change that the service reports failed.
type settleError struct{ reason string }

func (e *settleError) Error() string {
	if e.reason == "" {
		return "the service reports the change failed"
	}
	return "the service reports the change failed: " + e.reason
}
