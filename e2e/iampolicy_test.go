package e2e

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/defaultsg/defaultsg/internal/iampolicy"
	"github.com/defaultsg/defaultsg/internal/usage/finders"
)

// TestIAMPolicyCoversEveryCallMade runs each command against the simulator
// and checks that every API action it called is in that command's policy.
func TestIAMPolicyCoversEveryCallMade(t *testing.T) {
	ep := startSim(t, auditScenario)
	addRulesIn(t, ep, "us-east-1")
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
	} {
		ep.Sim.ResetCalls()
		r := run(t, ep, dir, nil, c.args...)
		if r.Code != 0 && r.Code != 3 {
			t.Fatalf("%s: exit %d\n%s", c.command, r.Code, r.Stderr)
		}
		allowed, err := iampolicy.Actions(c.command, finders.All)
		if err != nil {
			t.Fatal(err)
		}
		calls := ep.Sim.Calls()
		if len(calls) == 0 {
			t.Fatalf("%s made no call", c.command)
		}
		for _, call := range calls {
			action := call.Service + ":" + call.Action
			if !slices.Contains(allowed, action) {
				t.Errorf("%s called %s, which its IAM policy does not grant", c.command, action)
			}
		}
	}
}
