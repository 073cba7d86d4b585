package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRegionFlagScopesTheRun is the reproduction: with --region
// alone, close names no group outside that region.
func TestRegionFlagScopesTheRun(t *testing.T) {
	ep := startSim(t, "accounts: [{id: \"111111111111\"}]\nregions: standard\n")
	r := run(t, ep, "", nil, "--region", "eu-west-1", "close", "--dry-run")
	named := 0
	for _, l := range strings.Split(r.Stderr, "\n") {
		if f := strings.Fields(l); len(f) > 2 && strings.HasPrefix(f[2], "vpc-") {
			named++
			if f[1] != "eu-west-1" {
				t.Errorf("--region eu-west-1 close names a group in %s: %s", f[1], l)
			}
		}
	}
	if named != 1 {
		t.Errorf("%d groups named, want eu-west-1's only:\n%s", named, r.Stderr)
	}
	if r := run(t, ep, "", nil, "--region", "us-east-1", "--regions", "eu-west-1", "audit"); r.Code != 2 {
		t.Errorf("--region outside --regions: exit %d, want 2\n%s", r.Code, r.Stderr)
	}
}

// TestUsageMistakesExitTwo: the documented usage exit code for mistakes a
// user makes on the command line, from the real binary.
func TestUsageMistakesExitTwo(t *testing.T) {
	ep := startSim(t, "accounts: [{id: \"111111111111\"}]\nregions: [eu-west-1]\n")
	dir := t.TempDir()
	if r := run(t, ep, dir, nil, "--region", "eu-west-1", "plan", "--out", "plan.json"); r.Code != 0 {
		t.Fatalf("plan: exit %d\n%s", r.Code, r.Stderr)
	}
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"nope"}, `unknown command "nope"`},
		{[]string{"restore", "nope.json"}, "nope.json: no such file"},
		{[]string{"--profile", "nosuch", "audit"}, `profile "nosuch" is not in your AWS config`},
		{[]string{"restore", "plan.json"}, "plan.json is a plan"},
		{[]string{"rollback", "plan.json"}, "defaultsg rollback plan.json.journal"},
		{[]string{"audit", "--regoin", "eu-west-1"}, "Did you mean --region?"},
		{[]string{"plan", "-o", "plan2.json"}, "to write to a file use --out plan2.json"},
		{[]string{"verify", "plan.json", "-o", "yaml"}, "unknown output format"},
	} {
		r := run(t, ep, dir, nil, tc.args...)
		if r.Code != 2 || !strings.Contains(r.Stderr, tc.msg) {
			t.Errorf("%v: exit %d, want 2 with %q\n%s", tc.args, r.Code, tc.msg, r.Stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "plan2.json")); err == nil {
		t.Error("plan -o plan2.json wrote a file")
	}
	r := run(t, ep, dir, nil, "--version")
	if r.Code != 0 || !strings.HasPrefix(r.Stdout, "defaultsg ") {
		t.Errorf("--version: exit %d %q", r.Code, r.Stdout)
	}
}

// TestRefusedApplyAndVerifyLeaveNoJournal: an apply refused for want of
// --yes, and a verify before any apply, write nothing.
func TestRefusedApplyAndVerifyLeaveNoJournal(t *testing.T) {
	ep := startSim(t, "accounts: [{id: \"111111111111\"}]\nregions: [eu-west-1]\n")
	dir := t.TempDir()
	if r := run(t, ep, dir, nil, "--region", "eu-west-1", "plan", "--out", "plan.json"); r.Code != 0 {
		t.Fatalf("plan: exit %d\n%s", r.Code, r.Stderr)
	}
	if r := run(t, ep, dir, nil, "--region", "eu-west-1", "apply", "plan.json"); r.Code != 2 || !strings.Contains(r.Stderr, "--yes") {
		t.Errorf("apply without --yes and no terminal: exit %d\n%s", r.Code, r.Stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "plan.json.journal")); err == nil {
		t.Error("a refused apply left a journal")
	}
	if r := run(t, ep, dir, nil, "--region", "eu-west-1", "verify", "plan.json"); r.Code != 0 || !strings.Contains(r.Stderr, "apply has moved nothing yet") {
		t.Errorf("verify before apply: exit %d\n%s", r.Code, r.Stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "plan.json.journal")); err == nil {
		t.Error("verify created a journal")
	}
}
