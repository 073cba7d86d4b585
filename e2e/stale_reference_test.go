package e2e

import (
	"regexp"
	"strings"
	"testing"
)

// staleRefScenario: the only thing naming prod's default group is another
// group's rule; nothing is in the default group.
const staleRefScenario = `
accounts:
  - id: "111111111111"
    access_key_id: AKIASTALEREF00000001
    resources:
      eu-west-1:
        vpcs: [{name: prod, cidr: 10.10.0.0/16}]
        security_groups:
          - name: db
            vpc: prod
            ingress: [{protocol: tcp, ports: "5432", group: default, description: app to db}]
regions: [us-east-1, eu-west-1]
`

// A reference alone never makes a group used (issue 12 item 6): usage says
// unused, close closes it and names the stale rule with the exact command
// that removes it, and the other group's rule is left as it is.
func TestAReferenceAloneDoesNotBlockClose(t *testing.T) {
	ep := startSim(t, staleRefScenario)
	dir := t.TempDir()
	rep, r := usageReport(t, ep, "--regions", "eu-west-1")
	if r.Code != 0 || len(rep.users("ec2-security-group-references")) != 1 {
		t.Fatalf("usage: exit %d %+v\n%s", r.Code, rep, r.Stderr)
	}
	for _, g := range rep.Groups {
		if g.State != "unused" {
			t.Fatalf("group %s is %q, want unused", g.GroupID, g.State)
		}
	}
	var db, ruleID string
	dbRules := 0
	for _, g := range ep.Sim.SecurityGroups("111111111111", "eu-west-1") {
		if g.Name == "db" {
			db, dbRules = g.ID, len(g.Rules)
			for _, rl := range g.Rules {
				if rl.Group != nil && !rl.Egress {
					ruleID = rl.ID
				}
			}
		}
	}
	c := run(t, ep, dir, nil, "--regions", "eu-west-1", "close", "--yes")
	if c.Code != 0 {
		t.Fatalf("close: exit %d, want 0 (the reference alone does not block)\n%s\n%s", c.Code, c.Stdout, c.Stderr)
	}
	want := "aws ec2 revoke-security-group-ingress --region eu-west-1 --group-id " + db + " --security-group-rule-ids " + ruleID
	if !strings.Contains(c.Stderr, "Stale references") || !strings.Contains(c.Stderr, want) {
		t.Fatalf("close does not name the stale rule with %q:\n%s", want, c.Stderr)
	}
	// A dry-run restore says what it would put back, not "0".
	bak := regexp.MustCompile(`Backup: (\S+)`).FindStringSubmatch(c.Stdout)
	if bak == nil {
		t.Fatalf("close names no backup:\n%s", c.Stdout)
	}
	if d := run(t, ep, dir, nil, "--regions", "eu-west-1", "restore", "--dry-run", bak[1]); !strings.Contains(d.Stdout, "would ") {
		t.Fatalf("restore --dry-run: exit %d\n%s\n%s", d.Code, d.Stdout, d.Stderr)
	}
	for _, g := range ep.Sim.SecurityGroups("111111111111", "eu-west-1") {
		if g.Name == "db" && len(g.Rules) != dbRules {
			t.Fatalf("close changed the other group's rules: %+v", g.Rules)
		}
	}
}
