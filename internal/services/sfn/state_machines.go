package sfn

import (
	"context"
	"errors"
	"fmt"
	"strings"

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
	ListStateMachineVersions(ctx context.Context, in *sfn.ListStateMachineVersionsInput, opts ...func(*sfn.Options)) (*sfn.ListStateMachineVersionsOutput, error)
}

// StateMachines finds state machines with a Task state that runs an ECS
// task in a default group, named or (no SecurityGroups) as the subnets' VPC
// default. ListStateMachines returns no definition, so it is one
// DescribeStateMachine per state machine; and its published versions keep
// their own definitions (an alias or a version ARN still starts them), so
// one ListStateMachineVersions per state machine and one Describe per
// version.
var StateMachines = usage.Finder{
	Name:    "sfn-state-machines",
	Service: "states",
	Reads: "ECS Task states (arn:aws:states:::ecs:runTask*) of every state machine's and published version's definition: " +
		"Parameters/Arguments.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups and Subnets (ListStateMachines, DescribeStateMachine, ListStateMachineVersions)",
	IAM:   []string{"states:ListStateMachines", "states:DescribeStateMachine", "states:ListStateMachineVersions", "ec2:DescribeSubnets"},
	Kinds: []resource.Kind{StateMachine, Version},
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
			arns, err := versionARNs(ctx, api, m.StateMachineArn)
			if err != nil {
				return out, err
			}
			for i, arn := range append([]*string{m.StateMachineArn}, arns...) {
				d, err := api.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: arn})
				if err != nil {
					return out, err
				}
				us, err := definitionUsers(t, d, i > 0)
				out = append(out, us...)
				if err != nil {
					unreadable = append(unreadable, err)
				}
			}
		}
	}
	return out, errors.Join(unreadable...)
}

// definitionUsers are the users in one definition: the state machine's
// latest, or a published version's.
func definitionUsers(t usage.Target, d *sfn.DescribeStateMachineOutput, version bool) ([]usage.Usage, error) {
	id, kind, change := aws.ToString(d.Name), StateMachine, usage.ChangeInPlace
	if version {
		// The version ARN ends ":<number>".
		arn := aws.ToString(d.StateMachineArn)
		id, kind, change = id+arn[strings.LastIndex(arn, ":"):], Version, usage.ChangeDeployment
	}
	tasks, err := ecsTasks(aws.ToString(d.Definition))
	if err != nil {
		err = fmt.Errorf("state machine %s: %w", id, err)
	}
	var out []usage.Usage
	for _, task := range tasks {
		base := usage.Usage{Kind: usage.KindLatent, ResourceKind: kind, ResourceID: id, ARN: aws.ToString(d.StateMachineArn),
			Detail: "state " + task.State + " runs an ECS task when an execution reaches it", Change: change}
		out = append(out, svc.AwsvpcUsers(t, task.Groups, task.Subnets, base)...)
	}
	return out, err
}

// versionARNs lists a state machine's published versions. The SDK has no
// paginator for ListStateMachineVersions, so the token is followed here.
func versionARNs(ctx context.Context, api StateMachinesAPI, machine *string) ([]*string, error) {
	var out []*string
	in := &sfn.ListStateMachineVersionsInput{StateMachineArn: machine, MaxResults: 1000}
	for {
		page, err := api.ListStateMachineVersions(ctx, in)
		if err != nil {
			return nil, err
		}
		for _, v := range page.StateMachineVersions {
			out = append(out, v.StateMachineVersionArn)
		}
		if aws.ToString(page.NextToken) == "" || aws.ToString(page.NextToken) == aws.ToString(in.NextToken) {
			return out, nil
		}
		in.NextToken = page.NextToken
	}
}
