package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/sim"
)

// roundTripScenario has every kind of rule: self, IPv4/IPv6 CIDRs, a prefix
// list, a peered cross-account group, descriptions; a used group; a
// compliant one; and a group referenced by another group's rule.
const roundTripScenario = `
accounts:
  - id: "111111111111"
    access_key_id: AKIAROUNDTRIP00001
    resources:
      eu-west-1:
        default_group:
          ingress:
            - {group: self}
            - {protocol: tcp, ports: "22", cidr: 203.0.113.0/24, description: office ssh}
            - {protocol: udp, ports: "53", ipv6_cidr: "2001:db8::/32", description: dns v6}
            - {protocol: tcp, ports: "5432", group: sg-0a1b2c3d4e5f60789, group_owner: "222222222222", group_vpc: vpc-0fedcba9876543210, peering: pcx-0123456789abcdef0, description: analytics via peering}
          egress:
            - {cidr: 0.0.0.0/0}
            - {protocol: tcp, ports: "443", prefix_list: pl-6da54004, description: s3}
        vpcs:
          - name: prod
            cidr: 10.10.0.0/16
            ipv6: auto
            subnets: [{name: a, cidr: 10.10.1.0/24, az: a}]
          - name: quiet
            cidr: 10.20.0.0/16
            default_group: {ingress: [], egress: []}
      us-east-1:
        network_interfaces:
          - description: Primary network interface
            attachment: {instance_id: i-0123456789abcdef0, instance_owner_id: "111111111111"}
regions: [us-east-1, eu-west-1]
`

type closeJSON struct {
	Backup string `json:"backup"`
	Groups []struct {
		Region  string `json:"region"`
		GroupID string `json:"group_id"`
		Outcome string `json:"outcome"`
		Forced  bool   `json:"forced"`
		Message string `json:"message"`
	} `json:"groups"`
}

func closeRun(t *testing.T, ep endpoint, dir string, args ...string) (closeJSON, result) {
	t.Helper()
	r := run(t, ep, dir, nil, append([]string{"close", "-o", "json"}, args...)...)
	var out closeJSON
	if err := json.Unmarshal([]byte(r.Stdout), &out); err != nil {
		t.Fatalf("close JSON: %v\n%s\n%s", err, r.Stdout, r.Stderr)
	}
	return out, r
}

func outcomes(c closeJSON) map[string]int {
	m := map[string]int{}
	for _, g := range c.Groups {
		m[g.Outcome]++
	}
	return m
}

func TestCloseRefusesUsedGroupAndRestoresExactly(t *testing.T) {
	ep := startSim(t, roundTripScenario)
	before, _ := auditJSON(t, ep)
	dir := t.TempDir()
	res, r := closeRun(t, ep, dir, "--yes")
	if r.Code != 5 {
		t.Fatalf("exit %d, want 5 (refused)\n%s", r.Code, r.Stderr)
	}
	if got := outcomes(res); got["closed"] != 2 || got["refused"] != 1 || got["already-closed"] != 1 {
		t.Fatalf("outcomes %v", got)
	}
	for _, g := range res.Groups {
		if g.Outcome == "refused" && (g.Region != "us-east-1" || !strings.Contains(g.Message, "i-0123456789abcdef0")) {
			t.Fatalf("wrong refusal: %+v", g)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, res.Backup)); err != nil {
		t.Fatalf("backup: %v", err)
	}
	again, r := closeRun(t, ep, dir, "--yes", "--regions", "eu-west-1")
	if r.Code != 0 || outcomes(again)["already-closed"] != 3 || again.Backup != "" {
		t.Fatalf("re-run on closed groups: exit %d %v backup=%q", r.Code, outcomes(again), again.Backup)
	}
	if r := run(t, ep, dir, nil, "restore", "--yes", res.Backup); r.Code != 0 {
		t.Fatalf("restore: exit %d\n%s", r.Code, r.Stderr)
	}
	after, _ := auditJSON(t, ep)
	names := map[string]string{}
	for _, g := range before.Groups {
		names[g.GroupID] = g.Region + "/" + g.VpcID
	}
	if a, b := normalized(t, after, names), normalized(t, before, names); a != b {
		t.Fatalf("restore is not exact:\nbefore:\n%s\nafter:\n%s", b, a)
	}
	// Field by field, descriptions and peering included.
	for i := range before.Groups {
		if a, b := ruleSet(before.Groups[i].Rules, names), ruleSet(after.Groups[i].Rules, names); strings.Join(a, "|") != strings.Join(b, "|") {
			t.Fatalf("group %s differs", before.Groups[i].GroupID)
		}
	}
}

func TestCloseForceMarksForcedGroups(t *testing.T) {
	ep := startSim(t, roundTripScenario)
	res, r := closeRun(t, ep, t.TempDir(), "--yes", "--force", "--regions", "us-east-1")
	if r.Code != 0 {
		t.Fatalf("exit %d\n%s", r.Code, r.Stderr)
	}
	if len(res.Groups) != 1 || !res.Groups[0].Forced || res.Groups[0].Outcome != "closed" || !strings.Contains(res.Groups[0].Message, "forced") {
		t.Fatalf("groups %+v", res.Groups)
	}
	mustContain(t, "stderr", r.Stderr, "FORCED")
}

func TestCloseDryRunChangesNothing(t *testing.T) {
	ep := startSim(t, roundTripScenario)
	ep.Sim.ResetCalls()
	dir := t.TempDir()
	res, r := closeRun(t, ep, dir, "--dry-run")
	if r.Code != 5 || outcomes(res)["would-succeed"] != 2 {
		t.Fatalf("exit %d outcomes %v\n%s", r.Code, outcomes(res), r.Stderr)
	}
	for _, c := range ep.Sim.Calls() {
		if c.Mutating && !c.DryRun {
			t.Errorf("dry run made a real change: %+v", c)
		}
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Fatalf("dry run wrote files: %v", files)
	}
	ep.Sim.SetFaults(sim.Faults{Deny: []sim.DenyRule{{Action: "RevokeSecurityGroupEgress"}}})
	res, r = closeRun(t, ep, dir, "--dry-run", "--regions", "eu-west-1")
	if r.Code != 6 || outcomes(res)["would-fail"] != 2 {
		t.Fatalf("denied dry run: exit %d outcomes %v", r.Code, outcomes(res))
	}
}

func TestCloseWithoutTerminalOrYesRefuses(t *testing.T) {
	ep := startSim(t, roundTripScenario)
	ep.Sim.ResetCalls()
	dir := t.TempDir()
	r := run(t, ep, dir, nil, "close")
	if r.Code != 2 || !strings.Contains(r.Stderr, "--yes") {
		t.Fatalf("exit %d\n%s", r.Code, r.Stderr)
	}
	for _, c := range ep.Sim.Calls() {
		if c.Mutating {
			t.Fatalf("changed something without confirmation: %+v", c)
		}
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Fatalf("wrote files: %v", files)
	}
}

func TestCloseAndRestoreUnderThrottling(t *testing.T) {
	ep := startSim(t, roundTripScenario)
	before, _ := auditJSON(t, ep)
	ep.Sim.SetFaults(sim.Faults{ThrottleRate: 0.3, Seed: 3})
	dir := t.TempDir()
	res, r := closeRun(t, ep, dir, "--yes")
	if r.Code != 5 || outcomes(res)["closed"] != 2 {
		t.Fatalf("throttled close: exit %d %v\n%s", r.Code, outcomes(res), r.Stderr)
	}
	if r := run(t, ep, dir, nil, "restore", "--yes", res.Backup); r.Code != 0 {
		t.Fatalf("throttled restore: exit %d\n%s", r.Code, r.Stderr)
	}
	ep.Sim.SetFaults(sim.Faults{})
	after, _ := auditJSON(t, ep)
	names := map[string]string{}
	for _, g := range before.Groups {
		names[g.GroupID] = g.GroupID
	}
	if normalized(t, after, names) != normalized(t, before, names) {
		t.Fatal("throttling changed the outcome")
	}
}

func TestRestoreRefusesDamagedBackupAndChangesNothing(t *testing.T) {
	ep := startSim(t, roundTripScenario)
	dir := t.TempDir()
	res, _ := closeRun(t, ep, dir, "--yes", "--regions", "eu-west-1")
	good, err := os.ReadFile(filepath.Join(dir, res.Backup))
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{
		"truncated": string(good[:len(good)/3]),
		"tampered":  strings.Replace(string(good), `"from_port": 22`, `"from_port": 23`, 1),
	} {
		p := filepath.Join(dir, name+".json")
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		ep.Sim.ResetCalls()
		r := run(t, ep, dir, nil, "restore", "--yes", p)
		if r.Code != 2 || !strings.Contains(r.Stderr, "nothing changed") {
			t.Errorf("%s: exit %d\n%s", name, r.Code, r.Stderr)
		}
		if len(ep.Sim.Calls()) != 0 {
			t.Errorf("%s: made calls: %+v", name, ep.Sim.Calls())
		}
	}
}

func TestRestoreReportsRuleWhoseGroupIsGoneAndRestoresTheRest(t *testing.T) {
	ep := startSim(t, `
accounts:
  - id: "111111111111"
    access_key_id: AKIAGONE0000000001
    resources:
      eu-west-1:
        security_groups:
          - {name: batch, description: batch jobs}
        default_group:
          ingress:
            - {protocol: tcp, ports: "8080", group: batch, description: from batch}
            - {protocol: tcp, ports: "22", cidr: 10.0.0.0/8}
          egress: []
regions: [us-east-1, eu-west-1]
`)
	dir := t.TempDir()
	res, r := closeRun(t, ep, dir, "--yes", "--regions", "eu-west-1")
	if r.Code != 0 {
		t.Fatalf("close: exit %d\n%s", r.Code, r.Stderr)
	}
	c := ec2Client(ep, "eu-west-1")
	groups, err := c.DescribeSecurityGroups(ctx(t), &ec2.DescribeSecurityGroupsInput{GroupNames: []string{"batch"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteSecurityGroup(ctx(t), &ec2.DeleteSecurityGroupInput{GroupId: groups.SecurityGroups[0].GroupId}); err != nil {
		t.Fatal(err)
	}
	r = run(t, ep, dir, nil, "restore", "--yes", res.Backup, "-o", "json")
	if r.Code != 6 {
		t.Fatalf("restore: exit %d, want 6\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	mustContain(t, "restore output", r.Stdout, `"rules_restored": 1`, `"rules_failed": 1`, "InvalidGroup.NotFound", aws.ToString(groups.SecurityGroups[0].GroupId))
}
