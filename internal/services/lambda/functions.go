package lambda

import (
	"context"
	"strings"

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
	IAM:     []string{"lambda:ListFunctions", "lambda:ListTags"},
	Kinds:   []resource.Kind{Function, Version},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findLambda(ctx, lambda.NewFromConfig(cfg), t)
	},
}

// FunctionsAPI is what finding functions calls.
type FunctionsAPI interface {
	lambda.ListFunctionsAPIClient
	ListTags(ctx context.Context, in *lambda.ListTagsInput, opts ...func(*lambda.Options)) (*lambda.ListTagsOutput, error)
}

func findLambda(ctx context.Context, api FunctionsAPI, t usage.Target) ([]usage.Usage, error) {
	out, err := listLambda(ctx, api, t)
	// ListFunctions returns no tags: read them for the users only, to say
	// which stack owns each (a function a stack owns is a manual step).
	svc.SetOwners(out, "lambda:ListTags", func(u usage.Usage) string { return unqualified(u.ARN) },
		func(arn string) (map[string]string, error) {
			res, err := api.ListTags(ctx, &lambda.ListTagsInput{Resource: aws.String(arn)})
			if err != nil {
				return nil, err
			}
			return res.Tags, nil
		})
	return out, err
}

// unqualified drops a version qualifier from a function ARN: Lambda tags
// functions, not versions.
func unqualified(arn string) string {
	if parts := strings.Split(arn, ":"); len(parts) > 7 {
		return strings.Join(parts[:7], ":")
	}
	return arn
}

func listLambda(ctx context.Context, api lambda.ListFunctionsAPIClient, t usage.Target) ([]usage.Usage, error) {
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
