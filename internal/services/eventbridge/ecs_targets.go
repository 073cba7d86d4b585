package eventbridge

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// EventBridgeAPI is what the EventBridge target finder calls.
type EventBridgeAPI interface {
	ListEventBuses(ctx context.Context, in *eventbridge.ListEventBusesInput, opts ...func(*eventbridge.Options)) (*eventbridge.ListEventBusesOutput, error)
	ListRules(ctx context.Context, in *eventbridge.ListRulesInput, opts ...func(*eventbridge.Options)) (*eventbridge.ListRulesOutput, error)
	ListTargetsByRule(ctx context.Context, in *eventbridge.ListTargetsByRuleInput, opts ...func(*eventbridge.Options)) (*eventbridge.ListTargetsByRuleOutput, error)
}

// ECSTargets finds rules on every event bus whose ECS task
// targets run in a default group. The task exists only when the rule
// fires (often nightly), so nothing live shows it.
var ECSTargets = usage.Finder{
	Name:    "eventbridge-ecs-targets",
	Service: "events",
	Reads:   "ECS RunTask targets of EventBridge rules on every bus: EcsParameters.NetworkConfiguration.awsvpcConfiguration.SecurityGroups (ListEventBuses, ListRules, ListTargetsByRule)",
	IAM:     []string{"events:ListEventBuses", "events:ListRules", "events:ListTargetsByRule", "ec2:DescribeSubnets"},
	Kinds:   []resource.Kind{Rule},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		us, err := findEventBridgeTargets(ctx, eventbridge.NewFromConfig(cfg), t)
		if err != nil {
			return svc.WithoutNoGroup(us), err
		}
		return svc.ResolveNoGroup(ctx, ec2.NewFromConfig(cfg), t, us)
	},
}

// eachPage runs fetch until it returns no next token. EventBridge's SDK
// has no paginators, so this is the one hand-written loop; a repeated
// token is an error rather than an endless loop.
func eachPage(fetch func(token *string) (*string, error)) error {
	seen := map[string]bool{}
	var token *string
	for {
		next, err := fetch(token)
		if err != nil || aws.ToString(next) == "" {
			return err
		}
		if seen[*next] {
			return fmt.Errorf("pagination token %q repeated", *next)
		}
		seen[*next] = true
		token = next
	}
}

func findEventBridgeTargets(ctx context.Context, api EventBridgeAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	var buses []string
	err := eachPage(func(tok *string) (*string, error) {
		page, err := api.ListEventBuses(ctx, &eventbridge.ListEventBusesInput{NextToken: tok})
		if err != nil {
			return nil, err
		}
		for _, b := range page.EventBuses {
			buses = append(buses, aws.ToString(b.Name))
		}
		return page.NextToken, nil
	})
	if err != nil {
		return out, err
	}
	for _, bus := range buses {
		var rules []types.Rule
		err := eachPage(func(tok *string) (*string, error) {
			page, err := api.ListRules(ctx, &eventbridge.ListRulesInput{EventBusName: aws.String(bus), NextToken: tok})
			if err != nil {
				return nil, err
			}
			rules = append(rules, page.Rules...)
			return page.NextToken, nil
		})
		if err != nil {
			return out, err
		}
		for _, r := range rules {
			err := eachPage(func(tok *string) (*string, error) {
				page, err := api.ListTargetsByRule(ctx, &eventbridge.ListTargetsByRuleInput{
					Rule: r.Name, EventBusName: aws.String(bus), NextToken: tok})
				if err != nil {
					return nil, err
				}
				for _, tg := range page.Targets {
					out = append(out, eventTargetUsages(t, bus, r, tg)...)
				}
				return page.NextToken, nil
			})
			if err != nil {
				return out, err
			}
		}
	}
	return out, nil
}

func eventTargetUsages(t usage.Target, bus string, r types.Rule, tg types.Target) []usage.Usage {
	p := tg.EcsParameters
	if p == nil || p.NetworkConfiguration == nil || p.NetworkConfiguration.AwsvpcConfiguration == nil {
		return nil
	}
	id := aws.ToString(r.Name)
	if bus != "default" {
		id = bus + "/" + id
	}
	var out []usage.Usage
	vpc := p.NetworkConfiguration.AwsvpcConfiguration
	ids := svc.Matching(t, vpc.SecurityGroups)
	if len(vpc.SecurityGroups) == 0 {
		ids = []string{svc.NoGroupID(vpc.Subnets)}
	}
	for _, g := range ids {
		out = append(out, usage.Usage{GroupID: g, Kind: usage.KindLatent,
			ResourceKind: Rule, ResourceID: id, ARN: aws.ToString(r.Arn),
			Detail: "target " + aws.ToString(tg.Id) + " runs an ECS task in " + aws.ToString(tg.Arn) + " when the rule fires",
			Change: usage.ChangeInPlace})
	}
	return out
}
