package e2e

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/defaultsg/defaultsg/internal/iampolicy"
	"github.com/defaultsg/defaultsg/internal/services"
)

// refreshScenario has an Auto Scaling group launching its launch
// template's default version, which names the default group: the template
// moves (a new default version), and the group with it.
const refreshScenario = `
accounts:
  - id: "111111111111"
    access_key_id: AKIAREFRESH000000001
    resources:
      eu-west-1:
        security_groups: [{name: web}]
        launch_templates: [{name: app-lt, id: lt-0abc, versions: [{groups: [default, web]}]}]
        autoscaling_groups: [{name: web-asg, launch_template: {name: app-lt, version: $Default}}]
regions: [us-east-1, eu-west-1]
`

func startRefreshCalls(ep endpoint) int {
	n := 0
	for _, c := range ep.Sim.Calls() {
		if c.Action == "StartInstanceRefresh" && c.ErrorCode == "" {
			n++
		}
	}
	return n
}

// An Auto Scaling group's instance refresh is offered by plan and apply,
// started only with apply --refresh after its template moved, once
// (journaled), and rollback says it cannot undo it.
func TestApplyOffersAndStartsInstanceRefreshOnlyWithRefresh(t *testing.T) {
	ep := startSim(t, refreshScenario)
	dir := t.TempDir()
	_, usersBefore := memberships(t, ep, dir)
	mustContain(t, "usage", strings.Join(usersBefore, "\n"), "Auto Scaling group web-asg", "Launch template lt-0abc")
	if r := run(t, ep, dir, nil, "plan", "--out", "plan.json"); r.Code != 0 {
		t.Fatalf("plan: %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	r := run(t, ep, dir, nil, "plan")
	mustContain(t, "plan", r.Stdout, "? offer: Auto Scaling group web-asg (eu-west-1) launches into the replacement once lt-0abc moves",
		"apply --refresh starts autoscaling:StartInstanceRefresh (cannot be undone by rollback)", "~ move Launch template lt-0abc")

	ep.Sim.ResetCalls()
	r = run(t, ep, dir, nil, "apply", "plan.json", "--yes")
	if r.Code != 0 || startRefreshCalls(ep) != 0 {
		t.Fatalf("apply: exit %d, %d refreshes started\n%s\n%s", r.Code, startRefreshCalls(ep), r.Stdout, r.Stderr)
	}
	mustContain(t, "apply", r.Stdout, "run apply again with --refresh")

	ep.Sim.ResetCalls()
	r = run(t, ep, dir, nil, "apply", "plan.json", "--yes", "--refresh")
	if r.Code != 0 || startRefreshCalls(ep) != 1 {
		t.Fatalf("apply --refresh: exit %d, %d refreshes started\n%s\n%s", r.Code, startRefreshCalls(ep), r.Stdout, r.Stderr)
	}
	mustContain(t, "apply --refresh", r.Stdout, "refresh=")
	mustContain(t, "journal", readFile(t, dir, "plan.json.journal"), "refresh:111111111111/eu-west-1/autoscaling.group/web-asg")

	// Again: journaled, so not started twice.
	ep.Sim.ResetCalls()
	r = run(t, ep, dir, nil, "apply", "plan.json", "--yes", "--refresh")
	if r.Code != 0 || startRefreshCalls(ep) != 0 {
		t.Fatalf("second apply --refresh: exit %d, %d refreshes started\n%s", r.Code, startRefreshCalls(ep), r.Stdout)
	}

	r = run(t, ep, dir, nil, "rollback", "plan.json.journal", "--yes")
	if r.Code != 0 {
		t.Fatalf("rollback: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	mustContain(t, "rollback", r.Stdout, "cannot be undone", "web-asg")
	if _, usersBack := memberships(t, ep, dir); !reflect.DeepEqual(usersBack, usersBefore) {
		t.Fatalf("rollback did not restore the users:\nbefore %q\nafter  %q", usersBefore, usersBack)
	}
}

// The apply and rollback policies cover every call these movers and the
// instance refresh make (reads, changes, Settled polls).
func TestIAMPolicyCoversDefinitionServerlessAndRefreshMoves(t *testing.T) {
	for _, sc := range []struct{ name, yaml string }{{"definitions", definitionMovesScenario}, {"refresh", refreshScenario}} {
		t.Run(sc.name, func(t *testing.T) {
			ep := startSim(t, sc.yaml)
			dir := t.TempDir()
			run(t, ep, dir, nil, "plan", "--out", "plan.json")
			mutating := map[string]bool{}
			for _, c := range []struct {
				policy string
				args   []string
			}{
				{"apply", []string{"apply", "--yes", "--refresh", "--poll", "10ms", "plan.json"}},
				{"rollback", []string{"rollback", "--yes", "--poll", "10ms", "plan.json.journal"}},
			} {
				ep.Sim.ResetCalls()
				if r := run(t, ep, dir, nil, c.args...); r.Code != 0 {
					t.Fatalf("%s: exit %d\n%s", c.args[0], r.Code, r.Stderr)
				}
				allowed, err := iampolicy.Actions(c.policy, services.Finders(), iampolicy.Options{})
				if err != nil {
					t.Fatal(err)
				}
				for _, call := range ep.Sim.Calls() {
					action := call.Service + ":" + call.Action
					if call.Mutating {
						mutating[action] = true
					}
					if !slices.Contains(allowed, action) {
						t.Errorf("%s called %s, which the %q policy does not grant", c.args[0], action, c.policy)
					}
				}
			}
			want := map[string][]string{"definitions": {"states:UpdateStateMachine", "redshift-serverless:UpdateWorkgroup",
				"redshift-serverless:UpdateEndpointAccess", "ec2:ModifyInstanceConnectEndpoint"}, "refresh": {"autoscaling:StartInstanceRefresh"}}
			for _, a := range want[sc.name] {
				if !mutating[a] {
					t.Errorf("%s was not called: the check proves nothing for it (called: %v)", a, mutating)
				}
			}
		})
	}
}
