package sagemaker

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// SageMakerNotebooksAPI is what the SageMaker notebook instance finder calls.
type SageMakerNotebooksAPI interface {
	sagemaker.ListNotebookInstancesAPIClient
	sagemaker.DescribeNotebookInstanceAPIClient
}

// NotebookInstances finds notebook instances in a VPC whose
// SecurityGroups name a default group. The groups cannot be changed: the
// instance has to be recreated.
var NotebookInstances = usage.Finder{
	Name:    "sagemaker-notebook-instances",
	Service: "sagemaker",
	Reads:   "notebook instances' SecurityGroups (ListNotebookInstances, DescribeNotebookInstance)",
	IAM:     []string{"sagemaker:ListNotebookInstances", "sagemaker:DescribeNotebookInstance"},
	Kinds:   []resource.Kind{NotebookInstance},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findSageMakerNotebooks(ctx, sagemaker.NewFromConfig(cfg), t)
	},
}

func findSageMakerNotebooks(ctx context.Context, api SageMakerNotebooksAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := sagemaker.NewListNotebookInstancesPaginator(api, &sagemaker.ListNotebookInstancesInput{MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, s := range page.NotebookInstances {
			res, err := api.DescribeNotebookInstance(ctx, &sagemaker.DescribeNotebookInstanceInput{NotebookInstanceName: s.NotebookInstanceName})
			if err != nil {
				return out, err
			}
			out = append(out, svc.Users(t, res.SecurityGroups, usage.Usage{Kind: usage.KindLive,
				ResourceKind: NotebookInstance, ResourceID: aws.ToString(res.NotebookInstanceName),
				ARN:    aws.ToString(res.NotebookInstanceArn),
				Detail: "notebook interface in " + aws.ToString(res.SubnetId) + " (" + string(res.NotebookInstanceStatus) + ")",
				Change: usage.ChangeReplacement})...)
		}
	}
	return out, nil
}
