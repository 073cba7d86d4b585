package pipes

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/pipes"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// PipesAPI is what the EventBridge Pipes finder calls.
type PipesAPI interface {
	pipes.ListPipesAPIClient
	DescribePipe(ctx context.Context, in *pipes.DescribePipeInput, opts ...func(*pipes.Options)) (*pipes.DescribePipeOutput, error)
}

// Pipes finds pipes whose ECS task target runs in a default
// group, named or (an empty list) as the subnets' VPC default. The task
// exists only while the pipe delivers events.
var Pipes = usage.Finder{
	Name:    "eventbridge-pipes",
	Service: "pipes",
	Reads:   "ECS targets of EventBridge pipes: TargetParameters.EcsTaskParameters.NetworkConfiguration.awsvpcConfiguration.SecurityGroups, and self-managed Kafka sources: SourceParameters.SelfManagedKafkaParameters.Vpc (ListPipes, DescribePipe)",
	IAM:     []string{"pipes:ListPipes", "pipes:DescribePipe", "ec2:DescribeSubnets"},
	Kinds:   []resource.Kind{Pipe},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		us, err := findPipes(ctx, pipes.NewFromConfig(cfg), t)
		if err != nil {
			return svc.WithoutNoGroup(us), err
		}
		return svc.ResolveNoGroup(ctx, ec2.NewFromConfig(cfg), t, us)
	},
}

func findPipes(ctx context.Context, api PipesAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := pipes.NewListPipesPaginator(api, &pipes.ListPipesInput{Limit: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, s := range page.Pipes {
			res, err := api.DescribePipe(ctx, &pipes.DescribePipeInput{Name: s.Name})
			if err != nil {
				return out, err
			}
			out = append(out, sourceUsers(t, res)...)
			tp := res.TargetParameters
			if tp == nil || tp.EcsTaskParameters == nil || tp.EcsTaskParameters.NetworkConfiguration == nil ||
				tp.EcsTaskParameters.NetworkConfiguration.AwsvpcConfiguration == nil {
				continue
			}
			vpc := tp.EcsTaskParameters.NetworkConfiguration.AwsvpcConfiguration
			base := usage.Usage{Kind: usage.KindLatent, ResourceKind: Pipe,
				ResourceID: aws.ToString(res.Name), ARN: aws.ToString(res.Arn),
				Detail:    "runs an ECS task in " + aws.ToString(res.Target) + " for each batch of events",
				ManagedBy: svc.ManagedBy(svc.TagsFromMap(res.Tags)), Change: usage.ChangeInPlace}
			out = append(out, svc.AwsvpcUsers(t, vpc.SecurityGroups, vpc.Subnets, base)...)
		}
	}
	return out, nil
}

// sourceUsers is the pipe as a user through its source: a self-managed
// Kafka source polled from a VPC, whose SecurityGroup list, when empty,
// means the VPC's default group ("If you do not specify a security group,
// the default security group for the VPC is used").
func sourceUsers(t usage.Target, res *pipes.DescribePipeOutput) []usage.Usage {
	sp := res.SourceParameters
	if sp == nil || sp.SelfManagedKafkaParameters == nil || sp.SelfManagedKafkaParameters.Vpc == nil {
		return nil
	}
	vpc := sp.SelfManagedKafkaParameters.Vpc
	return svc.AwsvpcUsers(t, vpc.SecurityGroup, vpc.Subnets, usage.Usage{Kind: usage.KindLatent, ResourceKind: Pipe,
		ResourceID: aws.ToString(res.Name), ARN: aws.ToString(res.Arn),
		Detail:    "polls its self-managed Kafka source " + aws.ToString(res.Source) + " from this VPC configuration",
		ManagedBy: svc.ManagedBy(svc.TagsFromMap(res.Tags)), Change: usage.ChangeInPlace})
}
