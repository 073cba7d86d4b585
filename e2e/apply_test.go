package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// replacements returns the groups tagged as replacing a default group.
func replacements(t *testing.T, ep endpoint, region string) []types.SecurityGroup {
	t.Helper()
	out, err := ec2Client(ep, region).DescribeSecurityGroups(ctx(t), &ec2.DescribeSecurityGroupsInput{
		Filters: []types.Filter{{Name: str("tag-key"), Values: []string{"defaultsg:replaces"}}}})
	if err != nil {
		t.Fatal(err)
	}
	return out.SecurityGroups
}

func interfaceGroups(t *testing.T, ep endpoint, region, instance string) []string {
	t.Helper()
	out, err := ec2Client(ep, region).DescribeNetworkInterfaces(ctx(t), &ec2.DescribeNetworkInterfacesInput{
		Filters: []types.Filter{{Name: str("attachment.instance-id"), Values: []string{instance}}}})
	if err != nil || len(out.NetworkInterfaces) != 1 {
		t.Fatalf("interfaces of %s: %v %v", instance, err, out)
	}
	var ids []string
	for _, g := range out.NetworkInterfaces[0].Groups {
		ids = append(ids, aws.ToString(g.GroupId))
	}
	return ids
}

// checkApplied asserts the end state of applying planScenario's plan.
func checkApplied(t *testing.T, ep endpoint) {
	t.Helper()
	repl := replacements(t, ep, "eu-west-1")
	if len(repl) != 1 {
		t.Fatalf("%d replacement groups, want exactly 1", len(repl))
	}
	r := repl[0]
	rid := aws.ToString(r.GroupId)
	if got := interfaceGroups(t, ep, "eu-west-1", "i-0aaaaaaaaaaaaaaa1"); len(got) != 1 || got[0] != rid {
		t.Fatalf("instance not moved: %v", got)
	}
	def := defaultGroup(t, ec2Client(ep, "eu-west-1"), aws.ToString(r.VpcId))
	if got := interfaceGroups(t, ep, "eu-west-1", "i-0bbbbbbbbbbbbbbb2"); len(got) != 1 || got[0] != def {
		t.Fatalf("stack-managed instance was moved (it is a manual step): %v", got)
	}
	// Exactly the default group's rules, the self rule naming the replacement.
	if len(r.IpPermissions) != 1 || len(r.IpPermissions[0].UserIdGroupPairs) != 1 ||
		aws.ToString(r.IpPermissions[0].UserIdGroupPairs[0].GroupId) != rid {
		t.Fatalf("replacement inbound rules %+v", r.IpPermissions)
	}
	if len(r.IpPermissionsEgress) != 1 || aws.ToString(r.IpPermissionsEgress[0].IpRanges[0].CidrIp) != "0.0.0.0/0" {
		t.Fatalf("replacement outbound rules %+v", r.IpPermissionsEgress)
	}
	db, err := ec2Client(ep, "eu-west-1").DescribeSecurityGroups(ctx(t), &ec2.DescribeSecurityGroupsInput{
		Filters: []types.Filter{{Name: str("group-name"), Values: []string{"db"}}}})
	if err != nil || len(db.SecurityGroups) != 1 {
		t.Fatal(err)
	}
	peers := map[string]bool{}
	for _, p := range db.SecurityGroups[0].IpPermissions {
		for _, pair := range p.UserIdGroupPairs {
			peers[aws.ToString(pair.GroupId)] = true
		}
	}
	if !peers[rid] || !peers[def] {
		t.Fatalf("db group must keep the old rule and gain one naming the replacement: %v", peers)
	}
}

func TestApplyMovesUsersAndResumes(t *testing.T) {
	ep := startSim(t, planScenario)
	dir := t.TempDir()
	if r := run(t, ep, dir, nil, "plan", "--regions", "eu-west-1", "--out", "plan.json"); r.Code != 0 {
		t.Fatalf("plan: %d\n%s", r.Code, r.Stderr)
	}
	r := run(t, ep, dir, nil, "apply", "plan.json", "--yes")
	if r.Code != 0 {
		t.Fatalf("apply: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	mustContain(t, "apply output", r.Stdout, "create:", "done", "manual")
	checkApplied(t, ep)
	// Same journal: everything is already done, nothing is called again.
	ep.Sim.ResetCalls()
	r = run(t, ep, dir, nil, "apply", "plan.json", "--yes")
	if r.Code != 0 || strings.Count(r.Stdout, "already done") < 4 {
		t.Fatalf("re-apply: exit %d\n%s", r.Code, r.Stdout)
	}
	for _, c := range ep.Sim.Calls() {
		if c.Mutating {
			t.Fatalf("re-apply changed something: %+v", c)
		}
	}
	checkApplied(t, ep)
}

func TestApplyRefusesStaleAndTamperedPlans(t *testing.T) {
	ep := startSim(t, planScenario)
	dir := t.TempDir()
	run(t, ep, dir, nil, "plan", "--regions", "eu-west-1", "--out", "plan.json")
	data, _ := os.ReadFile(filepath.Join(dir, "plan.json"))
	_ = os.WriteFile(filepath.Join(dir, "tampered.json"), []byte(strings.Replace(string(data), "default-replacement", "x", 1)), 0o600)
	_ = os.WriteFile(filepath.Join(dir, "truncated.json"), data[:len(data)/2], 0o600)
	for _, name := range []string{"tampered.json", "truncated.json"} {
		ep.Sim.ResetCalls()
		if r := run(t, ep, dir, nil, "apply", name, "--yes"); r.Code != 2 || !strings.Contains(r.Stderr, "nothing changed") {
			t.Errorf("%s: exit %d\n%s", name, r.Code, r.Stderr)
		}
		if n := len(ep.Sim.Calls()); n != 0 {
			t.Errorf("%s: %d calls made", name, n)
		}
	}
	// A new user appears after the plan: the plan is stale.
	c := ec2Client(ep, "eu-west-1")
	subnets, err := c.DescribeSubnets(ctx(t), &ec2.DescribeSubnetsInput{Filters: []types.Filter{{Name: str("default-for-az"), Values: []string{"true"}}}})
	if err != nil || len(subnets.Subnets) == 0 {
		t.Fatalf("subnets: %v", err)
	}
	if _, err := c.CreateNetworkInterface(ctx(t), &ec2.CreateNetworkInterfaceInput{SubnetId: subnets.Subnets[0].SubnetId}); err != nil {
		t.Fatal(err)
	}
	ep.Sim.ResetCalls()
	r := run(t, ep, dir, nil, "apply", "plan.json", "--yes")
	if r.Code != 5 || !strings.Contains(r.Stderr, "stale plan") {
		t.Fatalf("stale plan: exit %d\n%s", r.Code, r.Stderr)
	}
	for _, call := range ep.Sim.Calls() {
		if call.Mutating {
			t.Fatalf("stale plan changed something: %+v", call)
		}
	}
}

// TestApplyCrashAtEveryStepBoundaryConverges kills apply before and after
// each step's call, runs it again, and requires the same end state with
// exactly one replacement group.
func TestApplyCrashAtEveryStepBoundaryConverges(t *testing.T) {
	for _, point := range []string{"apply:after-start", "apply:after-call"} {
		for n := 1; n <= 4; n++ {
			spec := fmt.Sprintf("%s:%d", point, n)
			t.Run(strings.ReplaceAll(spec, ":", "_"), func(t *testing.T) {
				ep := startSim(t, planScenario)
				dir := t.TempDir()
				run(t, ep, dir, nil, "plan", "--regions", "eu-west-1", "--out", "plan.json")
				r := run(t, ep, dir, []string{"DEFAULTSG_CRASHPOINT=" + spec}, "apply", "plan.json", "--yes")
				if r.Code != -1 {
					t.Fatalf("not killed at %s: exit %d\n%s", spec, r.Code, r.Stderr)
				}
				r = run(t, ep, dir, nil, "apply", "plan.json", "--yes")
				if r.Code != 0 {
					t.Fatalf("resume after %s: exit %d\n%s\n%s", spec, r.Code, r.Stdout, r.Stderr)
				}
				checkApplied(t, ep)
			})
		}
	}
}

func TestRollbackRestoresMembershipsExactly(t *testing.T) {
	ep := startSim(t, planScenario)
	dir := t.TempDir()
	before, _ := auditJSON(t, ep, "--regions", "eu-west-1")
	groupsBefore := interfaceGroups(t, ep, "eu-west-1", "i-0aaaaaaaaaaaaaaa1")
	run(t, ep, dir, nil, "plan", "--regions", "eu-west-1", "--out", "plan.json")
	if r := run(t, ep, dir, nil, "apply", "plan.json", "--yes"); r.Code != 0 {
		t.Fatalf("apply: %d\n%s", r.Code, r.Stderr)
	}
	r := run(t, ep, dir, nil, "rollback", "plan.json.journal", "--yes")
	if r.Code != 0 {
		t.Fatalf("rollback: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	if got := interfaceGroups(t, ep, "eu-west-1", "i-0aaaaaaaaaaaaaaa1"); strings.Join(got, ",") != strings.Join(groupsBefore, ",") {
		t.Fatalf("membership %v, want %v", got, groupsBefore)
	}
	if n := len(replacements(t, ep, "eu-west-1")); n != 0 {
		t.Fatalf("%d replacement groups left", n)
	}
	after, _ := auditJSON(t, ep, "--regions", "eu-west-1")
	names := map[string]string{}
	for _, g := range before.Groups {
		names[g.GroupID] = g.GroupID
	}
	if normalized(t, after, names) != normalized(t, before, names) {
		t.Fatal("rollback changed the default groups")
	}
	db, _ := ec2Client(ep, "eu-west-1").DescribeSecurityGroups(ctx(t), &ec2.DescribeSecurityGroupsInput{
		Filters: []types.Filter{{Name: str("group-name"), Values: []string{"db"}}}})
	if n := len(db.SecurityGroups[0].IpPermissions); n != 1 {
		t.Fatalf("db group has %d rules after rollback, want its original 1", n)
	}
	// Rolling back again is a no-op; applying the rolled-back journal is refused.
	if r := run(t, ep, dir, nil, "rollback", "plan.json.journal", "--yes"); r.Code != 0 {
		t.Fatalf("second rollback: %d\n%s", r.Code, r.Stderr)
	}
	if r := run(t, ep, dir, nil, "apply", "plan.json", "--yes"); r.Code != 2 {
		t.Fatalf("apply after rollback: exit %d, want 2\n%s", r.Code, r.Stderr)
	}
}

func TestVerifyProvesEquivalenceAndCatchesALostFlow(t *testing.T) {
	ep := startSim(t, planScenario)
	dir := t.TempDir()
	run(t, ep, dir, nil, "plan", "--regions", "eu-west-1", "--out", "plan.json")
	if r := run(t, ep, dir, nil, "apply", "plan.json", "--yes"); r.Code != 0 {
		t.Fatalf("apply: %d\n%s", r.Code, r.Stderr)
	}
	r := run(t, ep, dir, nil, "verify", "plan.json")
	// The stack-managed instance is still on its default group: exit 3, and
	// the moved one is equivalent.
	if r.Code != 3 {
		t.Fatalf("verify: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	mustContain(t, "verify", r.Stdout, "equivalent", "i-0aaaaaaaaaaaaaaa1", "Still on a default group", "i-0bbbbbbbbbbbbbbb2")
	if strings.Contains(r.Stdout, "DIFFERENT") {
		t.Fatalf("a correct migration shows a difference:\n%s", r.Stdout)
	}
	// Break the replacement: remove its outbound rule. verify must see the lost flow.
	repl := replacements(t, ep, "eu-west-1")[0]
	c := ec2Client(ep, "eu-west-1")
	if _, err := c.RevokeSecurityGroupEgress(ctx(t), &ec2.RevokeSecurityGroupEgressInput{GroupId: repl.GroupId,
		IpPermissions: repl.IpPermissionsEgress}); err != nil {
		t.Fatal(err)
	}
	r = run(t, ep, dir, nil, "verify", "plan.json")
	if r.Code != 6 {
		t.Fatalf("verify after breaking the replacement: exit %d\n%s", r.Code, r.Stdout)
	}
	mustContain(t, "verify", r.Stdout, "DIFFERENT", "outbound all traffic 0.0.0.0/0")
}
