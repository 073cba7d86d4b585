package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/defaultsg/defaultsg/internal/sim"
)

const auditScenario = `
accounts:
  - id: "111111111111"
    access_key_id: AKIAAUDITTEST00001
regions: [us-east-1, eu-west-1, ap-southeast-2]
`

func TestAuditReadsEveryRegionAndNeverWrites(t *testing.T) {
	ep := startSim(t, auditScenario)
	addRulesIn(t, ep, "eu-west-1")
	ep.Sim.ResetCalls()
	rep, r := auditJSON(t, ep)
	if r.Code != 3 {
		t.Fatalf("exit %d, want 3 (non-compliant)\n%s", r.Code, r.Stderr)
	}
	if rep.Schema != "defaultsg.audit/v1" || rep.Summary.AccountRegions != 3 || !rep.Summary.Complete || rep.Summary.Groups != 3 {
		t.Fatalf("summary %+v", rep.Summary)
	}
	for _, c := range ep.Sim.Calls() {
		if c.Mutating {
			t.Errorf("audit made a mutating call: %+v", c)
		}
	}
}

// addRulesIn is addRules limited to one region.
func addRulesIn(t *testing.T, ep endpoint, region string) {
	t.Helper()
	saved := crashRegions
	crashRegions = region
	defer func() { crashRegions = saved }()
	addRules(t, ep)
}

func TestAuditUnderThrottlingGivesTheSameResult(t *testing.T) {
	ep := startSim(t, auditScenario)
	addRulesIn(t, ep, "us-east-1")
	calm, r1 := auditJSON(t, ep)
	ep.Sim.SetFaults(sim.Faults{ThrottleRate: 0.3, Seed: 7})
	ep.Sim.ResetCalls()
	stormy, r2 := auditJSON(t, ep)
	if r1.Code != r2.Code {
		t.Fatalf("exit %d without throttling, %d with", r1.Code, r2.Code)
	}
	a, _ := json.Marshal(calm.Groups)
	b, _ := json.Marshal(stormy.Groups)
	if string(a) != string(b) {
		t.Fatalf("throttling changed the result:\n%s\n%s", a, b)
	}
	throttled := 0
	for _, c := range ep.Sim.Calls() {
		if c.ErrorCode == "RequestLimitExceeded" {
			throttled++
		}
	}
	if throttled == 0 {
		t.Fatal("the simulator throttled nothing: the test proves nothing")
	}
}

func TestAuditAccessDeniedInOneRegionIsIncomplete(t *testing.T) {
	ep := startSim(t, auditScenario)
	ep.Sim.SetFaults(sim.Faults{Deny: []sim.DenyRule{{Region: "eu-west-1", Service: "ec2", Action: "DescribeSecurityGroups"}}})
	rep, r := auditJSON(t, ep)
	if r.Code != 4 {
		t.Fatalf("exit %d, want 4 (incomplete)\n%s", r.Code, r.Stderr)
	}
	if len(rep.Problems) != 1 || rep.Problems[0].Region != "eu-west-1" || rep.Problems[0].Class != "access-denied" ||
		!strings.Contains(rep.Problems[0].Operation, "DescribeSecurityGroups") {
		t.Fatalf("problems %+v", rep.Problems)
	}
	if rep.Summary.AccountRegionsRead != 2 || rep.Summary.Complete {
		t.Fatalf("summary %+v", rep.Summary)
	}
	table := run(t, ep, "", nil, "audit")
	mustContain(t, "table output", table.Stdout, "Not read", "eu-west-1", "UnauthorizedOperation")
	mustContain(t, "stderr", table.Stderr, "incomplete")
}

func TestAuditUsageErrors(t *testing.T) {
	ep := startSim(t, auditScenario)
	for _, args := range [][]string{
		{"audit", "-o", "yaml"},
		{"audit", "--regions", "xx-nowhere-1"},
		{"audit", "extra-arg"},
		{"audit", "--no-such-flag"},
	} {
		if r := run(t, ep, "", nil, args...); r.Code != 2 {
			t.Errorf("%v: exit %d, want 2\n%s", args, r.Code, r.Stderr)
		}
	}
}
