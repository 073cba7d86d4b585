package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// A plan whose apply is not rolled back is never replaced (rollback reads
// it); after a complete rollback a new plan at the same path is appliable.
func TestPlanNeverReplacesAnAppliedPlanAndIsAppliableAfterRollback(t *testing.T) {
	ep := startSim(t, planScenario)
	dir := t.TempDir()
	planFile := filepath.Join(dir, "plan.json")
	if r := run(t, ep, dir, nil, "plan", "--regions", "eu-west-1", "--out", "plan.json"); r.Code != 0 {
		t.Fatalf("plan: %d\n%s", r.Code, r.Stderr)
	}
	if r := run(t, ep, dir, nil, "apply", "plan.json", "--yes"); r.Code != 0 {
		t.Fatalf("apply: %d\n%s", r.Code, r.Stderr)
	}
	applied, _ := os.ReadFile(planFile)

	r := run(t, ep, dir, nil, "plan", "--regions", "eu-west-1", "--out", "plan.json")
	if r.Code != 2 {
		t.Fatalf("plan over an applied plan: exit %d, want 2\n%s", r.Code, r.Stderr)
	}
	mustContain(t, "refusal", r.Stderr, "plan.json.journal", "rollback")
	if now, _ := os.ReadFile(planFile); !bytes.Equal(now, applied) {
		t.Fatal("the applied plan was overwritten")
	}

	if r := run(t, ep, dir, nil, "rollback", "plan.json.journal", "--yes"); r.Code != 0 {
		t.Fatalf("rollback: %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	r = run(t, ep, dir, nil, "plan", "--regions", "eu-west-1", "--out", "plan.json")
	if r.Code != 0 {
		t.Fatalf("plan after rollback: exit %d\n%s", r.Code, r.Stderr)
	}
	archived, _ := filepath.Glob(planFile + ".journal.rolled-back-*")
	if len(archived) != 1 {
		t.Fatalf("rolled-back journal not kept aside: %v", archived)
	}
	if r := run(t, ep, dir, nil, "apply", "plan.json", "--yes"); r.Code != 0 {
		t.Fatalf("apply of the new plan at the same path: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	checkApplied(t, ep)
}
