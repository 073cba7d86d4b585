package verify

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	"github.com/aws/aws-sdk-go-v2/service/configservice/types"
	"github.com/aws/smithy-go"

	"github.com/defaultsg/defaultsg/internal/apply"
	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/plan"
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/ec2"
	"github.com/defaultsg/defaultsg/internal/services/emr"
	"github.com/defaultsg/defaultsg/internal/services/lambda"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/sgrule"
)

type fakeJournal struct {
	done    map[string]apply.Record
	intents map[string]map[string]string
}

func (j fakeJournal) Done(step string) (apply.Record, bool)      { r, ok := j.done[step]; return r, ok }
func (j fakeJournal) FirstIntents() map[string]map[string]string { return j.intents }

// journalOf records rp's replacement as created and each move as done, with
// the targets it had before.
func journalOf(t *testing.T, rp plan.Replacement, replacement string, moves map[*plan.Move][]svc.Target) fakeJournal {
	t.Helper()
	j := fakeJournal{done: map[string]apply.Record{apply.CreateStep(rp): {Data: map[string]string{"group_id": replacement}}},
		intents: map[string]map[string]string{}}
	for m, before := range moves {
		b, err := json.Marshal(before)
		if err != nil {
			t.Fatal(err)
		}
		j.done[apply.MoveStep(*m)] = apply.Record{}
		j.intents[apply.MoveStep(*m)] = map[string]string{"targets": string(b)}
	}
	return j
}

var (
	allTraffic = sgrule.Rule{Protocol: "-1", FromPort: -1, ToPort: -1}
	egressAll  = sgrule.Rule{Egress: true, Protocol: "-1", FromPort: -1, ToPort: -1, CidrIPv4: "0.0.0.0/0"}
)

func self(id string) sgrule.Rule {
	r := allTraffic
	r.Group = &sgrule.GroupRef{GroupID: id}
	return r
}

func TestMoved(t *testing.T) {
	rp := plan.Replacement{Account: "111111111111", Region: "eu-west-1", DefaultGroupID: "sg-def",
		Rules: []plan.Rule{{Self: true, Rule: allTraffic}, {Rule: egressAll}}}
	fn := plan.Move{Account: rp.Account, Region: rp.Region, DefaultGroupID: "sg-def", Kind: lambda.Function, ResourceType: "Lambda function", ResourceID: "ledger"}
	inst := plan.Move{Account: rp.Account, Region: rp.Region, DefaultGroupID: "sg-def", Kind: ec2.Instance, ResourceType: "EC2 instance", ResourceID: "i-1"}
	pending := plan.Move{Account: rp.Account, Region: rp.Region, DefaultGroupID: "sg-def", Kind: ec2.Instance, ResourceType: "EC2 instance", ResourceID: "i-2"}
	manual := plan.Move{Account: rp.Account, Region: rp.Region, DefaultGroupID: "sg-def", Kind: emr.Cluster, ResourceType: "EMR cluster", ResourceID: "j-1"}
	p := &plan.Plan{Replacements: []plan.Replacement{rp}, Moves: []plan.Move{fn, inst, pending, manual}}
	j := journalOf(t, rp, "sg-new", map[*plan.Move][]svc.Target{
		&fn:     {{ID: "ledger", Groups: []string{"sg-def", "sg-app"}}},
		&inst:   {{ID: "eni-1", Groups: []string{"sg-def"}}, {ID: "eni-2", Groups: []string{"sg-def"}}},
		&manual: {{ID: "j-1", Groups: []string{"sg-def"}}},
	})
	// Now: the function and eni-1 are on the replacement; eni-2 is still on
	// the default group, which close has emptied.
	onGroup := map[string]map[string][]svc.Target{
		"ledger": {"sg-new": {{ID: "ledger", Groups: []string{"sg-new", "sg-app"}}}},
		"i-1":    {"sg-new": {{ID: "eni-1", Groups: []string{"sg-new"}}}, "sg-def": {{ID: "eni-2", Groups: []string{"sg-def"}}}},
	}
	rules := map[string][]sgrule.Rule{"sg-new": {self("sg-new"), egressAll}, "sg-app": {{Protocol: "tcp", FromPort: 443, ToPort: 443, CidrIPv4: "10.0.0.0/8"}}}
	var reads []string
	rd := Reader{
		Movable: func(k resource.Kind) bool { return k != emr.Cluster },
		Targets: func(_ context.Context, cfg aws.Config, m plan.Move, group string) ([]svc.Target, error) {
			if cfg.Region != m.Region {
				t.Errorf("read %s with a %q config", m.ResourceID, cfg.Region)
			}
			reads = append(reads, m.ResourceID+"@"+group)
			if ts, ok := onGroup[m.ResourceID]; ok {
				return ts[group], nil
			}
			t.Errorf("unexpected read of %s", m.ResourceID)
			return nil, svc.ErrNotFound
		},
		Rules: func(_ context.Context, _ aws.Config, groups []string) (map[string][]sgrule.Rule, error) {
			out := map[string][]sgrule.Rule{}
			for _, g := range groups {
				out[g] = rules[g]
			}
			return out, nil
		},
	}
	scope := awsx.Scope{Accounts: []awsx.Account{{ID: rp.Account, Regions: []string{rp.Region}}}}
	got, err := Moved(context.Background(), scope, p, j, rd)
	if err != nil {
		t.Fatal(err)
	}
	if want := "ledger@sg-new i-1@sg-new i-1@sg-def"; strings.Join(reads, " ") != want {
		t.Errorf("reads %q, want %q (a resource found on its replacement is read once)", strings.Join(reads, " "), want)
	}
	if len(got) != 3 {
		t.Fatalf("got %d interfaces, want 3: %+v", len(got), got)
	}
	// Sorted by resource then interface.
	e1, e2, l := got[0], got[1], got[2]
	if e1.Interface != "eni-1" || !e1.Equivalent || e1.GroupsNow != "sg-new" {
		t.Errorf("eni-1: %+v", e1)
	}
	if e2.Interface != "eni-2" || e2.Equivalent || strings.Join(flowStrings(e2.Lost), "; ") != "inbound all traffic group sg-new; outbound all traffic 0.0.0.0/0" {
		t.Errorf("eni-2 still on the emptied default group should lose both flows: %+v", e2)
	}
	if l.Resource != "Lambda function ledger" || !l.Equivalent || len(l.Lost)+len(l.Gained) != 0 {
		t.Errorf("ledger: %+v", l)
	}
}

func flowStrings(fs []Flow) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = string(f)
	}
	return out
}

func TestMovedErrors(t *testing.T) {
	m := plan.Move{Account: "222222222222", Region: "eu-west-1", DefaultGroupID: "sg-def", Kind: ec2.Instance, ResourceType: "EC2 instance", ResourceID: "i-1"}
	p := &plan.Plan{Moves: []plan.Move{m}}
	j := journalOf(t, plan.Replacement{}, "", map[*plan.Move][]svc.Target{&m: {{ID: "eni-1", Groups: []string{"sg-def"}}}})
	rd := Reader{Movable: func(resource.Kind) bool { return true },
		Targets: func(context.Context, aws.Config, plan.Move, string) ([]svc.Target, error) {
			return nil, errors.New("AccessDenied")
		},
		Rules: func(context.Context, aws.Config, []string) (map[string][]sgrule.Rule, error) { return nil, nil },
	}
	other := awsx.Scope{Accounts: []awsx.Account{{ID: "111111111111"}}}
	if _, err := Moved(context.Background(), other, p, j, rd); err == nil || !strings.Contains(err.Error(), "not in this run's accounts") {
		t.Errorf("account outside the scope: err %v", err)
	}
	same := awsx.Scope{Accounts: []awsx.Account{{ID: m.Account}}}
	if _, err := Moved(context.Background(), same, p, j, rd); err == nil || !strings.Contains(err.Error(), "AccessDenied") || !strings.Contains(err.Error(), "eu-west-1") {
		t.Errorf("a failed read must stop verify and say where: err %v", err)
	}
	// A resource deleted since its move is not an error: every flow is lost.
	rd.Targets = func(context.Context, aws.Config, plan.Move, string) ([]svc.Target, error) {
		return nil, svc.ErrNotFound
	}
	got, err := Moved(context.Background(), same, p, j, rd)
	if err != nil || len(got) != 1 || got[0].GroupsNow != "" {
		t.Errorf("deleted resource: %+v, %v", got, err)
	}
}

// configStub answers one region's GetComplianceDetailsByConfigRule: in
// us-east-1 sg-a and sg-c are NON_COMPLIANT and sg-b is not evaluated; other
// regions have no such rule.
type configStub struct{ region string }

func (c configStub) GetComplianceDetailsByConfigRule(_ context.Context, in *configservice.GetComplianceDetailsByConfigRuleInput, _ ...func(*configservice.Options)) (*configservice.GetComplianceDetailsByConfigRuleOutput, error) {
	if c.region != "us-east-1" {
		return nil, &smithy.GenericAPIError{Code: "NoSuchConfigRuleException", Message: "no rule " + aws.ToString(in.ConfigRuleName)}
	}
	var out configservice.GetComplianceDetailsByConfigRuleOutput
	for _, g := range []string{"sg-a", "sg-c"} {
		out.EvaluationResults = append(out.EvaluationResults, types.EvaluationResult{ComplianceType: types.ComplianceTypeNonCompliant,
			EvaluationResultIdentifier: &types.EvaluationResultIdentifier{EvaluationResultQualifier: &types.EvaluationResultQualifier{
				ResourceType: aws.String("AWS::EC2::SecurityGroup"), ResourceId: aws.String(g)}}})
	}
	return &out, nil
}

func TestConfigViews(t *testing.T) {
	groups := []GroupNow{
		{Account: "1", Region: "us-east-1", GroupID: "sg-a", Compliant: true},
		{Account: "1", Region: "us-east-1", GroupID: "sg-b", Compliant: true},
		{Account: "1", Region: "us-east-1", GroupID: "sg-c", Compliant: false},
		{Account: "1", Region: "eu-west-1", GroupID: "sg-d", Compliant: true},
	}
	calls := map[string]int{}
	views, err := ConfigViews(context.Background(), groups, ClosedRule, func(account, region string) ConfigAPI {
		calls[region]++
		return configStub{region: region}
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls["us-east-1"] != 1 || calls["eu-west-1"] != 1 {
		t.Errorf("each account-region is read once: %v", calls)
	}
	want := []struct {
		config string
		agree  bool
	}{{"NON_COMPLIANT", false}, {"not evaluated", false}, {"NON_COMPLIANT", true}, {"rule not deployed", false}}
	for i, w := range want {
		if views[i].Config != w.config || views[i].Agree != w.agree {
			t.Errorf("%s: config %q agree %t, want %q %t", views[i].GroupID, views[i].Config, views[i].Agree, w.config, w.agree)
		}
	}
}

// A target recorded with no group ran in its VPC's default group: moved to
// the replacement alone, it keeps the same flows.
func TestMovedNoGroupTargetRanInTheDefaultGroup(t *testing.T) {
	rp := plan.Replacement{Account: "111111111111", Region: "eu-west-1", DefaultGroupID: "sg-def",
		Rules: []plan.Rule{{Self: true, Rule: allTraffic}, {Rule: egressAll}}}
	fn := plan.Move{Account: rp.Account, Region: rp.Region, DefaultGroupID: "sg-def", Kind: lambda.Function, ResourceType: "Lambda function", ResourceID: "bare"}
	p := &plan.Plan{Replacements: []plan.Replacement{rp}, Moves: []plan.Move{fn}}
	j := journalOf(t, rp, "sg-new", map[*plan.Move][]svc.Target{&fn: {{ID: "bare", Groups: []string{}}}})
	rd := Reader{
		Movable: func(resource.Kind) bool { return true },
		Targets: func(_ context.Context, _ aws.Config, _ plan.Move, group string) ([]svc.Target, error) {
			if group == "sg-new" {
				return []svc.Target{{ID: "bare", Groups: []string{"sg-new"}}}, nil
			}
			return nil, nil
		},
		Rules: func(_ context.Context, _ aws.Config, groups []string) (map[string][]sgrule.Rule, error) {
			return map[string][]sgrule.Rule{"sg-new": {self("sg-new"), egressAll}}, nil
		},
	}
	scope := awsx.Scope{Accounts: []awsx.Account{{ID: rp.Account, Regions: []string{rp.Region}}}}
	got, err := Moved(context.Background(), scope, p, j, rd)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !got[0].Equivalent {
		t.Fatalf("got %+v, want one equivalent interface", got)
	}
}

// A target that still names no group (its move was refused, or rolled
// back) still runs in the default group: no flow lost.
func TestMovedNoGroupTargetStillOnTheDefaultGroup(t *testing.T) {
	rp := plan.Replacement{Account: "111111111111", Region: "eu-west-1", DefaultGroupID: "sg-def",
		Rules: []plan.Rule{{Self: true, Rule: allTraffic}, {Rule: egressAll}}}
	fn := plan.Move{Account: rp.Account, Region: rp.Region, DefaultGroupID: "sg-def", Kind: lambda.Function, ResourceType: "Lambda function", ResourceID: "bare"}
	p := &plan.Plan{Replacements: []plan.Replacement{rp}, Moves: []plan.Move{fn}}
	j := journalOf(t, rp, "sg-new", map[*plan.Move][]svc.Target{&fn: {{ID: "bare", Groups: []string{}}}})
	rd := Reader{
		Movable: func(resource.Kind) bool { return true },
		Targets: func(_ context.Context, _ aws.Config, _ plan.Move, group string) ([]svc.Target, error) {
			if group == "sg-def" {
				return []svc.Target{{ID: "bare", Groups: []string{}}}, nil
			}
			return nil, nil
		},
		Rules: func(_ context.Context, _ aws.Config, groups []string) (map[string][]sgrule.Rule, error) {
			return map[string][]sgrule.Rule{"sg-def": {self("sg-def"), egressAll}}, nil
		},
	}
	scope := awsx.Scope{Accounts: []awsx.Account{{ID: rp.Account, Regions: []string{rp.Region}}}}
	got, err := Moved(context.Background(), scope, p, j, rd)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !got[0].Equivalent {
		t.Fatalf("got %+v, want one equivalent interface", got)
	}
}
