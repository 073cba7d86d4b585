package batch

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/batch"
	"github.com/aws/aws-sdk-go-v2/service/batch/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// ComputeEnvironments finds managed AWS Batch compute environments
// whose computeResources.securityGroupIds name a default group. Instances
// or Fargate tasks exist only while jobs run. A Fargate environment's
// groups change in place (the next tasks take them); an EC2 or Spot one's
// only by an infrastructure update that replaces its instances.
var ComputeEnvironments = usage.Finder{
	Name:    "batch-compute-environments",
	Service: "batch",
	Reads:   "managed compute environments' computeResources.securityGroupIds (DescribeComputeEnvironments)",
	IAM:     []string{"batch:DescribeComputeEnvironments"},
	Kinds:   []resource.Kind{ComputeEnvironment, FargateComputeEnvironment},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findBatchComputeEnvironments(ctx, batch.NewFromConfig(cfg), t)
	},
}

func findBatchComputeEnvironments(ctx context.Context, api batch.DescribeComputeEnvironmentsAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := batch.NewDescribeComputeEnvironmentsPaginator(api, &batch.DescribeComputeEnvironmentsInput{MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, ce := range page.ComputeEnvironments {
			cr := ce.ComputeResources
			if cr == nil {
				continue
			}
			detail := "jobs run in it (" + string(cr.Type) + ")"
			if lt := cr.LaunchTemplate; lt != nil {
				name := aws.ToString(lt.LaunchTemplateName)
				if name == "" {
					name = aws.ToString(lt.LaunchTemplateId)
				}
				detail += "; launch template " + name + " may also name groups"
			}
			kind, change := ComputeEnvironment, usage.ChangeDeployment
			if cr.Type == types.CRTypeFargate || cr.Type == types.CRTypeFargateSpot {
				kind, change = FargateComputeEnvironment, usage.ChangeInPlace
			}
			out = append(out, svc.Users(t, cr.SecurityGroupIds, usage.Usage{Kind: usage.KindLatent,
				ResourceKind: kind, ResourceID: aws.ToString(ce.ComputeEnvironmentName),
				ARN: aws.ToString(ce.ComputeEnvironmentArn), Detail: detail,
				ManagedBy: svc.ManagedBy(svc.TagsFromMap(ce.Tags)), Change: change})...)
		}
	}
	return out, nil
}
