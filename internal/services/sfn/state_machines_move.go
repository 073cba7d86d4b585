package sfn

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/sfn"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// stateMachineMover moves the ECS Task states of a state machine's
// definition with UpdateStateMachine: one target per Task state that names
// the default group, or names none and runs in its subnets' default group
// (it gets the replacement alone). Each change reads the definition again
// just before the call and changes only that state's SecurityGroups; the
// target records the whole definition as read, and rollback sends that
// text back exactly once every state is back. The update is not published:
// published versions keep their own definitions (their manual step), and
// aliases pointing at them are unchanged. Only the definition is sent, so
// the role is not passed again.
var stateMachineMover = svc.Mover{
	API:  "states:UpdateStateMachine",
	ARNs: []string{"arn:aws:states:*:*:stateMachine:*"},
	IAM:  append([]string{"states:DescribeStateMachine", "states:UpdateStateMachine"}, svc.NoGroupIAM...),
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		def, err := definition(ctx, sfn.NewFromConfig(cfg), r)
		if err != nil {
			return nil, err
		}
		return definitionTargets(def, group, func(subnets []string) (bool, error) {
			return svc.RunsIn(ctx, ec2.NewFromConfig(cfg), subnets, group)
		})
	},
	Move: svc.FillOrSwapWith(func(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
		return setStateGroups(ctx, sfn.NewFromConfig(cfg), r, t.ID, groups)
	}),
	Restore: func(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target) error {
		return restoreDefinition(ctx, sfn.NewFromConfig(cfg), r, t)
	},
}

// DefinitionAPI is what the mover calls; *sfn.Client satisfies it.
type DefinitionAPI interface {
	DescribeStateMachine(context.Context, *sfn.DescribeStateMachineInput, ...func(*sfn.Options)) (*sfn.DescribeStateMachineOutput, error)
	UpdateStateMachine(context.Context, *sfn.UpdateStateMachineInput, ...func(*sfn.Options)) (*sfn.UpdateStateMachineOutput, error)
}

func definition(ctx context.Context, api DefinitionAPI, r svc.Resource) (string, error) {
	if r.ARN == "" {
		return "", svc.OpErr("states:DescribeStateMachine", svc.ErrNotFound)
	}
	d, err := api.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: aws.String(r.ARN)})
	if err != nil {
		return "", svc.OpErr("states:DescribeStateMachine", err)
	}
	return aws.ToString(d.Definition), nil
}

// definitionTargets are the Task states of def to move off group. runsIn
// says whether a state naming no group runs in group.
func definitionTargets(def, group string, runsIn func(subnets []string) (bool, error)) ([]svc.Target, error) {
	doc, err := parseDefinition(def)
	if err != nil {
		return nil, err
	}
	var out []svc.Target
	for _, s := range taskSites(doc) {
		if s.Vpc == nil {
			continue
		}
		groups, gKnown := literals(s.Vpc, "SecurityGroups")
		if !gKnown {
			continue
		}
		if len(groups) > 0 {
			for _, t := range svc.One(s.Pointer, groups, group) {
				t.Document = def
				out = append(out, t)
			}
			continue
		}
		subnets, sKnown := literals(s.Vpc, "Subnets")
		if !sKnown {
			continue
		}
		in, err := runsIn(subnets)
		if err != nil {
			return nil, err
		}
		if in {
			out = append(out, svc.Target{ID: s.Pointer, Groups: []string{}, Document: def})
		}
	}
	return out, nil
}

func update(ctx context.Context, api DefinitionAPI, r svc.Resource, def string) error {
	_, err := api.UpdateStateMachine(ctx, &sfn.UpdateStateMachineInput{StateMachineArn: aws.String(r.ARN), Definition: aws.String(def)})
	return svc.OpErr("states:UpdateStateMachine", err)
}

// setStateGroups reads the definition again and gives the Task state at
// pointer groups, leaving everything else as read.
func setStateGroups(ctx context.Context, api DefinitionAPI, r svc.Resource, pointer string, groups []string) error {
	def, err := definition(ctx, api, r)
	if err != nil {
		return err
	}
	next, changed, err := withGroups(def, pointer, groups)
	if err != nil || !changed {
		return svc.OpErr("states:UpdateStateMachine", err)
	}
	return update(ctx, api, r, next)
}

func restoreDefinition(ctx context.Context, api DefinitionAPI, r svc.Resource, t svc.Target) error {
	def, err := definition(ctx, api, r)
	if err != nil {
		return err
	}
	next, changed, err := restored(def, t.Document, t.ID)
	if err != nil || !changed {
		return svc.OpErr("states:UpdateStateMachine", err)
	}
	return update(ctx, api, r, next)
}
