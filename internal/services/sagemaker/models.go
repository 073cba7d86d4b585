package sagemaker

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// SageMakerModelsAPI is what the SageMaker model finder calls.
type SageMakerModelsAPI interface {
	sagemaker.ListModelsAPIClient
	DescribeModel(ctx context.Context, in *sagemaker.DescribeModelInput, opts ...func(*sagemaker.Options)) (*sagemaker.DescribeModelOutput, error)
}

// Models finds models whose VpcConfig names a default group:
// endpoints, batch transforms and jobs created from the model get
// interfaces in it. A model cannot be changed; a new model and a new
// endpoint configuration replace it.
var Models = usage.Finder{
	Name:    "sagemaker-models",
	Service: "sagemaker",
	Reads:   "models' VpcConfig.SecurityGroupIds (ListModels, DescribeModel)",
	IAM:     []string{"sagemaker:ListModels", "sagemaker:DescribeModel"},
	Kinds:   []resource.Kind{Model},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findSageMakerModels(ctx, sagemaker.NewFromConfig(cfg), t)
	},
}

func findSageMakerModels(ctx context.Context, api SageMakerModelsAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := sagemaker.NewListModelsPaginator(api, &sagemaker.ListModelsInput{MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, s := range page.Models {
			res, err := api.DescribeModel(ctx, &sagemaker.DescribeModelInput{ModelName: s.ModelName})
			if err != nil {
				return out, err
			}
			if res.VpcConfig == nil {
				continue
			}
			out = append(out, svc.Users(t, res.VpcConfig.SecurityGroupIds, usage.Usage{Kind: usage.KindLatent,
				ResourceKind: Model, ResourceID: aws.ToString(res.ModelName), ARN: aws.ToString(res.ModelArn),
				Detail: "endpoints and jobs created from the model get interfaces with it",
				Change: usage.ChangeDeployment})...)
		}
	}
	return out, nil
}
