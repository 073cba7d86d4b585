package eventbridge

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

// fakeEvents pages rules one per page and checks the bus of every call.
type fakeEvents struct {
	rules   map[string][]string // bus -> rule names
	targets map[string]types.Target
	repeat  bool // ListRules returns the same token forever
}

func (f *fakeEvents) ListEventBuses(context.Context, *eventbridge.ListEventBusesInput, ...func(*eventbridge.Options)) (*eventbridge.ListEventBusesOutput, error) {
	return &eventbridge.ListEventBusesOutput{EventBuses: []types.EventBus{{Name: aws.String("default")}, {Name: aws.String("ops")}}}, nil
}

func (f *fakeEvents) ListRules(_ context.Context, in *eventbridge.ListRulesInput, _ ...func(*eventbridge.Options)) (*eventbridge.ListRulesOutput, error) {
	names := f.rules[aws.ToString(in.EventBusName)]
	i := 0
	if in.NextToken != nil {
		fmt.Sscan(*in.NextToken, &i)
	}
	out := &eventbridge.ListRulesOutput{}
	if i < len(names) {
		out.Rules = []types.Rule{{Name: aws.String(names[i]), Arn: aws.String("arn:rule/" + names[i])}}
	}
	if i+1 < len(names) || f.repeat {
		out.NextToken = aws.String(fmt.Sprint(i + 1))
		if f.repeat {
			out.NextToken = aws.String("same")
		}
	}
	return out, nil
}

func (f *fakeEvents) ListTargetsByRule(_ context.Context, in *eventbridge.ListTargetsByRuleInput, _ ...func(*eventbridge.Options)) (*eventbridge.ListTargetsByRuleOutput, error) {
	tg, ok := f.targets[aws.ToString(in.EventBusName)+"/"+aws.ToString(in.Rule)]
	if !ok {
		return nil, fmt.Errorf("unexpected ListTargetsByRule %s on %s", aws.ToString(in.Rule), aws.ToString(in.EventBusName))
	}
	return &eventbridge.ListTargetsByRuleOutput{Targets: []types.Target{tg}}, nil
}

func TestEventBridgeFindsECSTargetsOnEveryBusAndPage(t *testing.T) {
	ecsTarget := func(id string, groups ...string) types.Target {
		return types.Target{Id: aws.String(id), Arn: aws.String("arn:cluster/main"), EcsParameters: &types.EcsParameters{
			NetworkConfiguration: &types.NetworkConfiguration{AwsvpcConfiguration: &types.AwsVpcConfiguration{SecurityGroups: groups}}}}
	}
	f := &fakeEvents{
		rules: map[string][]string{"default": {"a", "nightly"}, "ops": {"hourly"}},
		targets: map[string]types.Target{
			"default/a":       {Id: aws.String("lambda"), Arn: aws.String("arn:lambda")},
			"default/nightly": ecsTarget("report", "sg-x", "sg-def"),
			"ops/hourly":      ecsTarget("sync", "sg-def2"),
		}}
	us, err := findEventBridgeTargets(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:nightly:latent sg-def2:ops/hourly:latent" {
		t.Fatalf("got %q", got)
	}
	f.repeat = true
	if _, err := findEventBridgeTargets(context.Background(), f, svctest.Target); err == nil {
		t.Fatal("a repeated pagination token must be an error, not an endless loop")
	}
}
