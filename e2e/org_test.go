package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// orgScenario is a 3-account organization: the management account, a
// member in OU Prod, and a member in OU Locked whose role cannot be assumed.
const orgScenario = `
accounts:
  - id: "111111111111"
    access_key_id: AKIAORGMANAGEMENT01
  - id: "222222222222"
  - id: "333333333333"
    assumable: false
regions: [us-east-1, eu-west-1]
organization:
  ous:
    - {name: Prod, id: ou-test-11111111, accounts: ["222222222222"]}
    - {name: Locked, id: ou-test-22222222, accounts: ["333333333333"]}
`

func groupAccounts(rep auditReport) []string {
	var out []string
	for _, g := range rep.Groups {
		if !slices.Contains(out, g.Account) {
			out = append(out, g.Account)
		}
	}
	slices.Sort(out)
	return out
}

func TestOrgAuditReportsTheUnassumableAccountAsIncomplete(t *testing.T) {
	ep := startSim(t, orgScenario)
	rep, r := auditJSON(t, ep, "--org")
	if r.Code != 4 {
		t.Fatalf("exit %d, want 4 (incomplete)\n%s", r.Code, r.Stderr)
	}
	if got := groupAccounts(rep); !slices.Equal(got, []string{"111111111111", "222222222222"}) || len(rep.Groups) != 4 {
		t.Fatalf("groups of accounts %v (%d groups), want 111111111111 and 222222222222 in 2 regions each", got, len(rep.Groups))
	}
	if len(rep.Problems) != 1 {
		t.Fatalf("problems %+v", rep.Problems)
	}
	p := rep.Problems[0]
	if p.Account != "333333333333" || p.Class != "access-denied" || !strings.Contains(p.Operation, "sts:AssumeRole") ||
		!strings.Contains(p.Operation, "arn:aws:iam::333333333333:role/OrganizationAccountAccessRole") {
		t.Fatalf("problem %+v", p)
	}
	for _, c := range ep.Sim.Calls() {
		if c.Mutating {
			t.Errorf("audit made a mutating call: %+v", c)
		}
	}
}

func TestOrgSelectionFlagsNarrowTheAccounts(t *testing.T) {
	ep := startSim(t, orgScenario)
	for _, tc := range []struct {
		args     []string
		accounts []string
		code     int
	}{
		{[]string{"--org", "--accounts", "222222222222"}, []string{"222222222222"}, 3},
		{[]string{"--org", "--exclude-accounts", "333333333333"}, []string{"111111111111", "222222222222"}, 3},
		{[]string{"--org", "--ou", "ou-test-11111111"}, []string{"222222222222"}, 3},
		{[]string{"--org", "--ou", "ou-test-22222222"}, nil, 4},
		{[]string{"--org", "--accounts", "111111111111,333333333333", "--exclude-accounts", "333333333333"}, []string{"111111111111"}, 3},
	} {
		rep, r := auditJSON(t, ep, tc.args...)
		if r.Code != tc.code || !slices.Equal(groupAccounts(rep), tc.accounts) {
			t.Errorf("%v: exit %d, accounts %v; want exit %d, accounts %v\n%s", tc.args, r.Code, groupAccounts(rep), tc.code, tc.accounts, r.Stderr)
		}
	}
}

func TestOrgCloseThenRestoreAcrossAccounts(t *testing.T) {
	ep := startSim(t, orgScenario)
	scope := []string{"--org", "--exclude-accounts", "333333333333"}
	before, _ := auditJSON(t, ep, scope...)
	dir := t.TempDir()
	bak := filepath.Join(dir, "org-backup.json")
	if r := run(t, ep, dir, nil, append(scope, "close", "--yes", "-o", "json", "--backup", bak)...); r.Code != 0 {
		t.Fatalf("close: exit %d\n%s", r.Code, r.Stderr)
	}
	var doc struct {
		Groups []struct{ Account, Region string } `json:"groups"`
	}
	raw, err := os.ReadFile(bak)
	if err != nil || json.Unmarshal(raw, &doc) != nil || len(doc.Groups) != 4 {
		t.Fatalf("backup: %v, %d groups\n%s", err, len(doc.Groups), raw)
	}
	for _, acct := range []string{"111111111111", "222222222222"} {
		if n := countAccount(doc.Groups, acct); n != 2 {
			t.Fatalf("backup holds %d groups of %s, want 2", n, acct)
		}
	}
	if after, r := auditJSON(t, ep, scope...); r.Code != 0 || after.Summary.Compliant != 4 {
		t.Fatalf("after close: exit %d, summary %+v", r.Code, after.Summary)
	}

	// A scope without 222222222222 restores 111111111111 only and refuses
	// the rest rather than writing it anywhere else.
	r := run(t, ep, dir, nil, "--org", "--accounts", "111111111111", "restore", bak, "--yes", "-o", "json")
	if r.Code != 6 || !strings.Contains(r.Stdout, "account 222222222222 is not in scope") {
		t.Fatalf("narrow restore: exit %d, want 6 with the refused account named\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	if mid, _ := auditJSON(t, ep, scope...); mid.Summary.NonCompliant != 2 || groupAccountsWhere(mid, false) != "111111111111" {
		t.Fatalf("after narrow restore: %+v", mid.Summary)
	}
	if r := run(t, ep, dir, nil, append(scope, "restore", bak, "--yes")...); r.Code != 0 {
		t.Fatalf("restore: exit %d\n%s", r.Code, r.Stderr)
	}
	if r := run(t, ep, dir, nil, "--org", "restore", bak, "--yes", "--force"); r.Code != 2 {
		t.Fatalf("--org with --force: exit %d, want 2 (usage)\n%s", r.Code, r.Stderr)
	}
	after, _ := auditJSON(t, ep, scope...)
	if len(after.Groups) != len(before.Groups) {
		t.Fatalf("%d groups after restore, %d before", len(after.Groups), len(before.Groups))
	}
	for i, g := range before.Groups {
		// Rule ids are new after a restore: compare the rules themselves.
		was, is := ruleSet(g.Rules, nil), ruleSet(after.Groups[i].Rules, nil)
		if g.GroupID != after.Groups[i].GroupID || !slices.Equal(was, is) {
			t.Errorf("%s %s: rules before close %v, after restore %v", g.Account, g.GroupID, was, is)
		}
	}
}

func countAccount(groups []struct{ Account, Region string }, acct string) int {
	n := 0
	for _, g := range groups {
		if g.Account == acct {
			n++
		}
	}
	return n
}

// groupAccountsWhere lists, comma-separated, the accounts of groups whose
// compliance is compliant.
func groupAccountsWhere(rep auditReport, compliant bool) string {
	var out []string
	for _, g := range rep.Groups {
		if g.Compliant == compliant && !slices.Contains(out, g.Account) {
			out = append(out, g.Account)
		}
	}
	slices.Sort(out)
	return strings.Join(out, ",")
}
