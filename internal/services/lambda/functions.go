package lambda

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Functions finds functions, and every published version of them, whose
// VPC configuration names a default group. Versions are immutable, so a
// version on the default group keeps it in use until its aliases move.
var Functions = usage.Finder{
	Name:    "lambda-functions",
	Service: "lambda",
	Reads:   "Lambda functions and all published versions: VpcConfig.SecurityGroupIds (ListFunctions FunctionVersion=ALL)",
	IAM:     []string{"lambda:ListFunctions"},
	Kinds:   []resource.Kind{Function, Version},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findLambda(ctx, lambda.NewFromConfig(cfg), t)
	},
}

func findLambda(ctx context.Context, api lambda.ListFunctionsAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := lambda.NewListFunctionsPaginator(api, &lambda.ListFunctionsInput{FunctionVersion: types.FunctionVersionAll})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, fn := range page.Functions {
			if fn.VpcConfig == nil {
				continue
			}
			version := aws.ToString(fn.Version)
			for _, id := range svc.Matching(t, fn.VpcConfig.SecurityGroupIds) {
				u := usage.Usage{GroupID: id, Kind: usage.KindLatent,
					ResourceKind: Function, ResourceID: aws.ToString(fn.FunctionName),
					ARN: aws.ToString(fn.FunctionArn), Detail: "version " + version, Change: usage.ChangeInPlace}
				if version != "$LATEST" {
					u.ResourceKind = Version
					u.Change = usage.ChangeDeployment
					u.Detail = "published version " + version + " is immutable: publish a new version and move its aliases"
				}
				out = append(out, u)
			}
		}
	}
	return out, nil
}
