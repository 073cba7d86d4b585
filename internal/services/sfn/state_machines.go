package sfn

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/sfn"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// StateMachinesAPI is what finding state machines calls.
type StateMachinesAPI interface {
	sfn.ListStateMachinesAPIClient
	DescribeStateMachine(ctx context.Context, in *sfn.DescribeStateMachineInput, opts ...func(*sfn.Options)) (*sfn.DescribeStateMachineOutput, error)
}

// StateMachines finds state machines with a Task state that runs an ECS
// task in a default group, named or (no SecurityGroups) as the subnets' VPC
// default. ListStateMachines returns no definition, so it is one
// DescribeStateMachine per state machine.
var StateMachines = usage.Finder{
	Name:    "sfn-state-machines",
	Service: "states",
	Reads: "ECS Task states (arn:aws:states:::ecs:runTask*) of every state machine's definition: " +
		"Parameters/Arguments.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups and Subnets (ListStateMachines, DescribeStateMachine)",
	IAM:   []string{"states:ListStateMachines", "states:DescribeStateMachine", "ec2:DescribeSubnets"},
	Kinds: []resource.Kind{StateMachine},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		us, err := findStateMachines(ctx, sfn.NewFromConfig(cfg), t)
		if err != nil {
			return svc.WithoutNoGroup(us), err
		}
		return svc.ResolveNoGroup(ctx, ec2.NewFromConfig(cfg), t, us)
	},
}

// findStateMachines reads every definition. A definition whose task
// network is chosen at run time, or that cannot be parsed, is an error
// once all are read: the machines that could be read are kept, and the
// finder's coverage is unknown rather than unused.
func findStateMachines(ctx context.Context, api StateMachinesAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	var unreadable []error
	p := sfn.NewListStateMachinesPaginator(api, &sfn.ListStateMachinesInput{MaxResults: 1000})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, m := range page.StateMachines {
			d, err := api.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: m.StateMachineArn})
			if err != nil {
				return out, err
			}
			tasks, err := ecsTasks(aws.ToString(d.Definition))
			if err != nil {
				unreadable = append(unreadable, fmt.Errorf("state machine %s: %w", aws.ToString(d.Name), err))
			}
			for _, task := range tasks {
				base := usage.Usage{Kind: usage.KindLatent, ResourceKind: StateMachine,
					ResourceID: aws.ToString(d.Name), ARN: aws.ToString(d.StateMachineArn),
					Detail: "state " + task.State + " runs an ECS task when an execution reaches it",
					Change: usage.ChangeInPlace}
				out = append(out, svc.AwsvpcUsers(t, task.Groups, task.Subnets, base)...)
			}
		}
	}
	return out, errors.Join(unreadable...)
}
