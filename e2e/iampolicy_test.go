package e2e

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/defaultsg/defaultsg/internal/iampolicy"
	"github.com/defaultsg/defaultsg/internal/services"
	"github.com/defaultsg/defaultsg/internal/sim"
)

// TestIAMPolicyCoversEveryCallMade runs each command against the simulator
// and checks that every API action it called is in that command's policy.
func TestIAMPolicyCoversEveryCallMade(t *testing.T) {
	ep := startSim(t, planScenario)
	dir := t.TempDir()
	backup := filepath.Join(dir, "b.json")
	for _, c := range []struct {
		command string
		args    []string
	}{
		{"audit", []string{"audit"}},
		{"usage", []string{"usage"}},
		{"close", []string{"close", "--yes", "--backup", backup}},
		{"restore", []string{"restore", "--yes", backup}},
		{"plan", []string{"plan", "--out", filepath.Join(dir, "plan.json")}},
		{"apply", []string{"apply", "--yes", filepath.Join(dir, "plan.json")}},
	} {
		ep.Sim.ResetCalls()
		r := run(t, ep, dir, nil, c.args...)
		if r.Code != 0 && r.Code != 3 && r.Code != 5 {
			t.Fatalf("%s: exit %d\n%s", c.command, r.Code, r.Stderr)
		}
		allowed, err := iampolicy.Actions(c.command, services.Finders(), iampolicy.Options{})
		if err != nil {
			t.Fatal(err)
		}
		calls := ep.Sim.Calls()
		if c.command == "apply" && !slices.ContainsFunc(calls, func(c sim.Call) bool { return c.Action == "ModifyNetworkInterfaceAttribute" }) {
			t.Fatalf("apply moved nothing: the policy check would prove little\n%s", r.Stdout)
		}
		if len(calls) == 0 {
			t.Fatalf("%s made no call", c.command)
		}
		for _, call := range calls {
			if (c.command == "audit" || c.command == "usage" || c.command == "plan") && call.Mutating {
				t.Errorf("%s is read-only but called %s:%s", c.command, call.Service, call.Action)
			}
			action := call.Service + ":" + call.Action
			if !slices.Contains(allowed, action) {
				t.Errorf("%s called %s, which its IAM policy does not grant", c.command, action)
			}
		}
	}
}

// The apply policy covers every mover's reads and changes: run apply over
// users of every in-place kind, then rollback (covered by the "all" policy).
func TestIAMPolicyCoversEveryMover(t *testing.T) {
	ep := startSim(t, servicesScenario)
	dir := t.TempDir()
	run(t, ep, dir, nil, "plan", "--out", "plan.json")
	for _, c := range []struct {
		policy string
		args   []string
	}{
		{"apply", []string{"apply", "--yes", "--poll", "10ms", "plan.json"}},
		{"verify", []string{"verify", "plan.json"}},
		{"rollback", []string{"rollback", "--yes", "--poll", "10ms", "plan.json.journal"}},
	} {
		ep.Sim.ResetCalls()
		if r := run(t, ep, dir, nil, c.args...); r.Code != 0 && !(c.policy == "verify" && r.Code == 3) {
			t.Fatalf("%s: exit %d\n%s", c.args[0], r.Code, r.Stderr)
		}
		allowed, err := iampolicy.Actions(c.policy, services.Finders(), iampolicy.Options{})
		if err != nil {
			t.Fatal(err)
		}
		services := map[string]bool{}
		for _, call := range ep.Sim.Calls() {
			if call.Mutating {
				services[call.Service] = true
			}
			if action := call.Service + ":" + call.Action; !slices.Contains(allowed, action) {
				t.Errorf("%s called %s, which the %q policy does not grant", c.args[0], action, c.policy)
			}
		}
		if c.policy != "verify" && len(services) < 8 {
			t.Fatalf("%s changed only %v: the check would prove little", c.args[0], services)
		}
	}
}
