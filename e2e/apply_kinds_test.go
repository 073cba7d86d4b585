package e2e

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// sameNameScenario has two users of one default group that share a name but
// not a kind: the Lambda function "ledger" and the RDS DB instance "ledger".
const sameNameScenario = `
accounts:
  - id: "111111111111"
    access_key_id: AKIASAMENAME00000001
    resources:
      eu-west-1:
        vpcs: [{name: prod, cidr: 10.10.0.0/16}]
        security_groups: [{name: web, vpc: prod}]
        lambda_functions: [{name: ledger, vpc: prod, groups: [default, web]}]
        db_instances: [{name: ledger, vpc: prod}]
regions: [us-east-1, eu-west-1]
`

// Journal steps are keyed by kind and id, so both users move and both roll
// back, each from its own intent record (before, the RDS instance was
// reported done while it stayed on the default group).
func TestApplyMovesSameNamedUsersOfDifferentKinds(t *testing.T) {
	ep := startSim(t, sameNameScenario)
	dir := t.TempDir()
	enisBefore, usersBefore := memberships(t, ep, dir)
	mustContain(t, "usage before", strings.Join(usersBefore, "\n"), "Lambda function ledger", "RDS DB instance ledger")
	if r := run(t, ep, dir, nil, "plan", "--out", "plan.json"); r.Code != 0 {
		t.Fatalf("plan: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	r := run(t, ep, dir, nil, "apply", "plan.json", "--yes", "--poll", "10ms")
	if r.Code != 0 {
		t.Fatalf("apply: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	if _, usersAfter := memberships(t, ep, dir); len(usersAfter) != 0 {
		t.Fatalf("still on the default group after apply: %q\n%s", usersAfter, r.Stdout)
	}
	// verify lists only groups something still uses: none (before, every
	// unused group of the run was listed under "Still on a default group").
	if v := run(t, ep, dir, nil, "verify", "plan.json"); v.Code != 0 || !strings.Contains(v.Stdout, "Still on a default group: nothing.") {
		t.Fatalf("verify: exit %d\n%s\n%s", v.Code, v.Stdout, v.Stderr)
	}
	// A dry-run close says what it would revoke, not "0".
	if d := run(t, ep, dir, nil, "close", "--dry-run"); !strings.Contains(d.Stdout, "would-succeed") || !strings.Contains(d.Stdout, "would ") {
		t.Fatalf("close --dry-run: exit %d\n%s", d.Code, d.Stdout)
	}
	for _, step := range []string{"move:111111111111/eu-west-1/lambda.function/ledger", "move:111111111111/eu-west-1/rds.instance/ledger"} {
		mustContain(t, "journal", readFile(t, dir, "plan.json.journal"), step)
	}
	if r := run(t, ep, dir, nil, "rollback", "plan.json.journal", "--yes", "--poll", "10ms"); r.Code != 0 {
		t.Fatalf("rollback: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	enisBack, usersBack := memberships(t, ep, dir)
	if !reflect.DeepEqual(usersBack, usersBefore) {
		t.Fatalf("rollback did not restore both users:\nbefore %q\nafter  %q", usersBefore, usersBack)
	}
	for id, groups := range enisBefore {
		if !reflect.DeepEqual(sortedCopy(enisBack[id]), sortedCopy(groups)) {
			t.Errorf("interface %s: groups %v after rollback, want %v", id, enisBack[id], groups)
		}
	}
}

func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
