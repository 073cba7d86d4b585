package movers

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"
)

// LambdaFunctions moves a function's $LATEST configuration; Lambda moves the
// function's interfaces itself. Published versions are immutable: the plan
// makes them manual steps.
var LambdaFunctions = Mover{
	Types: []string{"Lambda function"},
	API:   "lambda:UpdateFunctionConfiguration",
	IAM:   []string{"lambda:GetFunctionConfiguration", "lambda:UpdateFunctionConfiguration"},
	Targets: func(ctx context.Context, cfg aws.Config, r Resource, group string) ([]Target, error) {
		out, err := lambda.NewFromConfig(cfg).GetFunctionConfiguration(ctx, &lambda.GetFunctionConfigurationInput{FunctionName: aws.String(r.ID)})
		if err != nil {
			return nil, opErr("lambda:GetFunctionConfiguration", err)
		}
		if out.VpcConfig == nil {
			return nil, nil
		}
		return one(r.ID, out.VpcConfig.SecurityGroupIds, group), nil
	},
	Move:    swapWith(setLambda),
	Restore: restoreWith(setLambda),
	Settled: func(ctx context.Context, cfg aws.Config, r Resource) (string, error) {
		out, err := lambda.NewFromConfig(cfg).GetFunctionConfiguration(ctx, &lambda.GetFunctionConfigurationInput{FunctionName: aws.String(r.ID)})
		if err != nil {
			return "", opErr("lambda:GetFunctionConfiguration", err)
		}
		if out.LastUpdateStatus == types.LastUpdateStatusInProgress {
			return "configuration update in progress", nil
		}
		if out.LastUpdateStatus == types.LastUpdateStatusFailed {
			return "", opErr("lambda:UpdateFunctionConfiguration", &settleError{aws.ToString(out.LastUpdateStatusReason)})
		}
		return "", nil
	},
}

// setLambda sets the groups; only SecurityGroupIds is sent with the subnets
// Lambda already has, which UpdateFunctionConfiguration requires together.
func setLambda(ctx context.Context, cfg aws.Config, r Resource, t Target, groups []string) error {
	api := lambda.NewFromConfig(cfg)
	cur, err := api.GetFunctionConfiguration(ctx, &lambda.GetFunctionConfigurationInput{FunctionName: aws.String(r.ID)})
	if err != nil {
		return opErr("lambda:GetFunctionConfiguration", err)
	}
	var subnets []string
	if cur.VpcConfig != nil {
		subnets = cur.VpcConfig.SubnetIds
	}
	_, err = api.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{FunctionName: aws.String(r.ID),
		VpcConfig: &types.VpcConfig{SubnetIds: subnets, SecurityGroupIds: groups}})
	return opErr("lambda:UpdateFunctionConfiguration", err)
}

// settleError is an asynchronous change that the service reports failed.
type settleError struct{ reason string }

func (e *settleError) Error() string {
	if e.reason == "" {
		return "the service reports the change failed"
	}
	return "the service reports the change failed: " + e.reason
}
