package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/closer"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/services"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/sim"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// hostileAnswers are the answers a reachable endpoint, proxy or portal can
// give to one call that are not the service's answer: error codes that once
// read as "not offered here", an empty 200 and an HTML 200.
var hostileAnswers = []sim.ActionFault{
	{Answer: sim.AnswerError, Code: "UnsupportedOperation"},
	{Answer: sim.AnswerError, Code: "InvalidAction"},
	{Answer: sim.AnswerError, Code: "NotImplemented", Status: 501},
	{Answer: sim.AnswerError, Code: "UnknownOperationException"},
	{Answer: sim.AnswerError, Code: "UnsupportedOperationException"},
	{Answer: sim.AnswerEmpty},
	{Answer: sim.AnswerHTML},
}

// presentOf is, for every finder, scenarios (YAML lines for appScenario)
// that give it a user on a default group, together making every call in
// its IAM list.
func presentOf() map[string][]string {
	out := map[string][]string{
		"ec2-network-interfaces":        {"        network_interfaces: [{id: eni-0abc, description: hand-made}]"},
		"ec2-security-group-references": {"        security_groups: [{name: web, ingress: [{group: default, ports: \"443\", protocol: tcp}]}]"},
		"ecs-services":                  {"        ecs_clusters: [{name: jobs, services: [{name: bare, groups: []}]}]"},
		// Launches naming no group: their subnets' VPC is looked up.
		"autoscaling-groups": {"        launch_templates: [{name: bare, versions: [{}]}]\n" +
			"        autoscaling_groups: [{name: bare-asg, launch_template: {name: bare, version: $Default}, vpc: data}]"},
		"ec2-launch-templates": {"        launch_templates: [{name: bare, versions: [{interfaces: [{vpc: data, subnet: subnet-f69671005dc8a4af7}]}]}]"},
		// subnet-f696… is the data VPC's one subnet (ids of the EC2
		// foundation do not depend on the resources added here).
		"ec2-fleets": {"        launch_templates: [{name: bare, versions: [{}]}]\n" +
			"        ec2_fleets: [{id: fleet-0abd, launch_templates: [{name: bare, subnets: [subnet-f69671005dc8a4af7]}]}]"},
		"ec2-spot-fleets": {"        spot_fleets: [{id: sfr-0abe, launch_specifications: [{vpc: data, subnet: subnet-f69671005dc8a4af7}]}]",
			"        launch_templates: [{name: tpl, versions: [{groups: [default]}]}]\n" +
				"        spot_fleets: [{id: sfr-0abf, launch_templates: [{name: tpl}]}]"},
		"eventbridge-ecs-targets": {"        ecs_clusters: [{name: jobs}]\n" +
			"        event_rules: [{name: nightly, schedule: rate(1 day), ecs_targets: [{id: t1, cluster: jobs, vpc: prod, groups: []}]}]"},
	}
	for _, c := range appFinderCases {
		out[c.finder] = append(out[c.finder], c.present)
	}
	for _, c := range jobFinderCases {
		out[c.finder] = append(out[c.finder], c.present)
	}
	for _, c := range queryServiceCases {
		out[c.finder] = append(out[c.finder], c.present)
	}
	for _, c := range moreFinderCases {
		out[c.finder] = append(out[c.finder], c.present)
	}
	for _, c := range ownerFinderCases {
		out[c.finder] = append(out[c.finder], c.present)
	}
	return out
}

// TestEveryFinderHostileAnswerIsUnknownAndCloseRefuses answers each call of
// every finder, one at a time, with each hostile answer and requires the
// finder's cell "unknown" (or the region unreadable when the call is also
// the inventory's) and close to revoke nothing. Issue 19 item 1.
func TestEveryFinderHostileAnswerIsUnknownAndCloseRefuses(t *testing.T) {
	present := presentOf()
	for _, f := range services.Finders() {
		t.Run(f.Name, func(t *testing.T) {
			t.Parallel()
			scenarios := present[f.Name]
			if len(scenarios) == 0 {
				t.Fatalf("no scenario gives %s a user: add one to presentOf", f.Name)
			}
			var eps []endpoint
			var scopes []awsx.Scope
			for _, res := range scenarios {
				yaml := appScenario(res)
				if groups, ok := strings.CutPrefix(res, "        security_groups: "); ok {
					yaml = strings.Replace(appScenario(""), "security_groups: [{name: web}]", "security_groups: "+groups, 1)
				}
				ep := startSim(t, yaml)
				scope, err := awsx.SingleAccount(context.Background(), awsx.StaticConfig(ep.URL, "us-east-1", ep.AccessKey, "test-secret"), []string{"us-east-1"})
				if err != nil {
					t.Fatal(err)
				}
				eps, scopes = append(eps, ep), append(scopes, scope)
			}
			for _, action := range f.IAM {
				svc, act, _ := strings.Cut(action, ":")
				for _, h := range hostileAnswers {
					h.Service, h.Action = svc, act
					name := act + "/" + string(h.Answer) + h.Code
					made := false
					for i, ep := range eps {
						ep.Sim.SetActionFaults(h)
						plan, err := closer.Prepare(ctx(t), scopes[i], closer.Options{Concurrency: 4, Finders: []usage.Finder{f},
							NewEC2: func(c aws.Config) inventory.EC2API { return ec2.NewFromConfig(c) }})
						hits := ep.Sim.ActionFaultHits()
						ep.Sim.SetActionFaults()
						if err != nil {
							t.Errorf("%s: prepare: %v", name, err)
							continue
						}
						if hits == 0 {
							continue
						}
						made = true
						if ownerRead(act) {
							checkOwnerUnknown(t, name, f.Name, plan)
							continue
						}
						checkHostilePlan(t, name, f.Name, plan)
					}
					if !made {
						t.Errorf("%s: no scenario made the call: add one to presentOf", name)
					}
				}
			}
		})
	}
}

// checkHostilePlan requires finder's cell unknown (or the region
// unreadable) and no group to close.
func checkHostilePlan(t *testing.T, name, finder string, plan closer.Plan) {
	t.Helper()
	cell := ""
	for _, c := range plan.Usage.Coverage {
		if c.Finder == finder {
			cell = string(c.Status)
		}
	}
	if cell != string(usage.StatusUnknown) && len(plan.Problems) == 0 {
		t.Errorf("%s: coverage %q, want unknown (or the region unreadable)", name, cell)
	}
	for _, it := range plan.Items {
		if it.Decision == closer.DecisionClose {
			t.Errorf("%s: close would revoke %s (%s)", name, it.Group.GroupID, it.Verdict.State())
		}
	}
}

// TestCloseRefusesGroupWhoseInterfaceReadIsHostile runs the real binary: a
// group whose one user is found by a call answered with HTML, an empty 200
// or a "not offered" code must be refused (exit 5) with every rule left.
func TestCloseRefusesGroupWhoseInterfaceReadIsHostile(t *testing.T) {
	eni := startSim(t, appScenario("        network_interfaces: [{id: eni-0abc, description: hand-made}]"))
	fn := startSim(t, appScenario("        lambda_functions: [{name: api, groups: [default]}]"))
	for _, c := range []struct {
		ep endpoint
		f  sim.ActionFault
	}{
		{eni, sim.ActionFault{Service: "ec2", Action: "DescribeNetworkInterfaces", Answer: sim.AnswerHTML}},
		{eni, sim.ActionFault{Service: "ec2", Action: "DescribeNetworkInterfaces", Answer: sim.AnswerError, Code: "UnsupportedOperation"}},
		{eni, sim.ActionFault{Service: "ec2", Action: "DescribeNetworkInterfaces", Answer: sim.AnswerEmpty}},
		{fn, sim.ActionFault{Service: "lambda", Action: "ListFunctions", Answer: sim.AnswerEmpty}},
		{fn, sim.ActionFault{Service: "lambda", Action: "ListFunctions", Answer: sim.AnswerError, Code: "UnknownOperationException"}},
	} {
		what := c.f.Action + " " + string(c.f.Answer) + " " + c.f.Code
		c.ep.Sim.SetActionFaults(c.f)
		dir := t.TempDir()
		r := run(t, c.ep, dir, nil, "--regions", "us-east-1", "close", "--yes", "--group-ids", "sg-0def", "--backup", dir+"/b.json")
		if r.Code != 5 || !strings.Contains(r.Stdout+r.Stderr, "usage unknown") {
			t.Errorf("%s: close exit %d, want 5 (refused, usage unknown)\n%s\n%s", what, r.Code, r.Stdout, r.Stderr)
		}
		c.ep.Sim.SetActionFaults()
		for _, g := range c.ep.Sim.SecurityGroups("111111111111", "us-east-1") {
			if g.ID == "sg-0def" && len(g.Rules) != 2 {
				t.Fatalf("%s: sg-0def has %d rules after a refused close, want 2", what, len(g.Rules))
			}
		}
	}
}

// TestPersistentThrottlingAndServerErrorsAreUnknown: one service throttled
// or failing on every call (100%) is retried by the SDK until the call's
// deadline and is then unknown: never unused.
func TestPersistentThrottlingAndServerErrorsAreUnknown(t *testing.T) {
	ep := startSim(t, appScenario("        lambda_functions: [{name: api, groups: [default]}]"))
	for _, f := range []sim.ActionFault{
		{Answer: sim.AnswerError, Code: "TooManyRequestsException", Status: 429},
		{Answer: sim.AnswerError, Code: "ServiceUnavailableException", Status: 503},
		{Answer: sim.AnswerError, Code: "InternalFailure", Status: 500},
	} {
		f.Service = "lambda"
		ep.Sim.SetActionFaults(f)
		rep, r := appUsageRun(t, ep, "--regions", "us-east-1", "--call-timeout", "1s")
		if r.Code != 4 || rep.status("", "lambda-functions") != "unknown" {
			t.Errorf("%s: exit %d, coverage %s; want 4 and unknown\n%s", f.Code, r.Code, rep.status("", "lambda-functions"), r.Stderr)
		}
		if hits := ep.Sim.ActionFaultHits(); hits < 2 {
			t.Errorf("%s: %d attempts, want retries", f.Code, hits)
		}
	}
}

// ownerRead reports whether a finder makes the call only to read the tags
// of the users it found, to say who manages them.
func ownerRead(action string) bool { return action == "ListTags" || action == "ListTagsForResource" }

// checkOwnerUnknown requires, when a user's tags cannot be read, the user
// still reported, its owner "unknown" (so the plan makes it a manual step),
// and its group not closed.
func checkOwnerUnknown(t *testing.T, name, finder string, plan closer.Plan) {
	t.Helper()
	found := false
	for _, u := range plan.Usage.Usages {
		if u.Finder != finder {
			continue
		}
		found = true
		if !strings.HasPrefix(u.ManagedBy, svc.OwnerUnknown) {
			t.Errorf("%s: %s %s is managed by %q, want unknown", name, u.ResourceType, u.ResourceID, u.ManagedBy)
		}
		for _, it := range plan.Items {
			if it.Group.GroupID == u.GroupID && it.Decision == closer.DecisionClose {
				t.Errorf("%s: close would revoke %s, used by %s", name, u.GroupID, u.ResourceID)
			}
		}
	}
	if !found {
		t.Errorf("%s: the user is no longer reported", name)
	}
}
