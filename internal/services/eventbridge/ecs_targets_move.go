package eventbridge

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// ruleMover moves a rule's ECS task targets with PutTargets, which replaces
// a target with the same Id whole: the setter reads the target again and
// sends it back unchanged but the awsvpc groups. A rule has a group list
// per ECS target (one journaled target each); a target naming no group runs
// in its subnets' default group and gets the replacement alone. The next task the rule runs
// gets the new groups; nothing runs meanwhile, so nothing is pending.
// Putting a target that has a RoleArn (every ECS target) needs iam:PassRole
// on that role (PassRoleTo).
var ruleMover = svc.Mover{
	API:        "events:PutTargets",
	ARNs:       []string{"arn:aws:events:*:*:rule/*"},
	IAM:        append([]string{"events:ListTargetsByRule", "events:PutTargets"}, svc.NoGroupIAM...),
	PassRoleTo: "events.amazonaws.com",
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		targets, err := ruleTargets(ctx, eventbridge.NewFromConfig(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		var out []svc.Target
		for _, tg := range targets {
			v := awsvpcOf(tg)
			switch {
			case v == nil:
			case slices.Contains(v.SecurityGroups, group):
				out = append(out, svc.Target{ID: aws.ToString(tg.Id), Groups: slices.Clone(v.SecurityGroups)})
			case len(v.SecurityGroups) == 0:
				in, err := svc.RunsIn(ctx, ec2.NewFromConfig(cfg), v.Subnets, group)
				if err != nil {
					return nil, err
				}
				if in {
					out = append(out, svc.Target{ID: aws.ToString(tg.Id), Groups: []string{}})
				}
			}
		}
		return out, nil
	},
	Move:    svc.FillOrSwapWith(setTarget),
	Restore: svc.RestoreWith(setTarget),
}

// TargetsAPI is what the mover calls; *eventbridge.Client satisfies it.
type TargetsAPI interface {
	ListTargetsByRule(context.Context, *eventbridge.ListTargetsByRuleInput, ...func(*eventbridge.Options)) (*eventbridge.ListTargetsByRuleOutput, error)
	PutTargets(context.Context, *eventbridge.PutTargetsInput, ...func(*eventbridge.Options)) (*eventbridge.PutTargetsOutput, error)
}

// splitRule parses the usage id "rule" (default bus) or "bus/rule"; a
// rule name has no "/", a partner bus name may.
func splitRule(id string) (bus, rule string) {
	i := strings.LastIndex(id, "/")
	if i < 0 {
		return "default", id
	}
	return id[:i], id[i+1:]
}

func ruleTargets(ctx context.Context, api TargetsAPI, id string) ([]types.Target, error) {
	bus, rule := splitRule(id)
	var out []types.Target
	err := eachPage(func(tok *string) (*string, error) {
		page, err := api.ListTargetsByRule(ctx, &eventbridge.ListTargetsByRuleInput{Rule: aws.String(rule), EventBusName: aws.String(bus), NextToken: tok})
		if err != nil {
			return nil, err
		}
		out = append(out, page.Targets...)
		return page.NextToken, nil
	})
	return out, svc.OpErr("events:ListTargetsByRule", err)
}

func awsvpcOf(tg types.Target) *types.AwsVpcConfiguration {
	if p := tg.EcsParameters; p != nil && p.NetworkConfiguration != nil {
		return p.NetworkConfiguration.AwsvpcConfiguration
	}
	return nil
}

func setTarget(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	return putTargetGroups(ctx, eventbridge.NewFromConfig(cfg), r.ID, t.ID, groups)
}

// putTargetGroups sends target id of the rule back whole with groups as
// its awsvpc groups. PutTargets reports a refused target in FailedEntries
// with HTTP 200, so those are errors too.
func putTargetGroups(ctx context.Context, api TargetsAPI, ruleID, id string, groups []string) error {
	targets, err := ruleTargets(ctx, api, ruleID)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(targets, func(tg types.Target) bool { return aws.ToString(tg.Id) == id })
	if i < 0 || awsvpcOf(targets[i]) == nil {
		return svc.OpErr("events:ListTargetsByRule", fmt.Errorf("target %s: %w", id, svc.ErrNotFound))
	}
	tg := targets[i]
	ecs := *tg.EcsParameters
	net := *ecs.NetworkConfiguration
	vpc := *net.AwsvpcConfiguration
	vpc.SecurityGroups = append([]string{}, groups...) // [] (not omitted) for a target that names no group
	net.AwsvpcConfiguration = &vpc
	ecs.NetworkConfiguration = &net
	tg.EcsParameters = &ecs
	bus, rule := splitRule(ruleID)
	out, err := api.PutTargets(ctx, &eventbridge.PutTargetsInput{Rule: aws.String(rule), EventBusName: aws.String(bus), Targets: []types.Target{tg}})
	if err == nil && out.FailedEntryCount > 0 {
		e := types.PutTargetsResultEntry{}
		if len(out.FailedEntries) > 0 {
			e = out.FailedEntries[0]
		}
		err = fmt.Errorf("target %s refused: %s: %s", id, aws.ToString(e.ErrorCode), aws.ToString(e.ErrorMessage))
	}
	return svc.OpErr("events:PutTargets", err)
}
