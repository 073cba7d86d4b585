package e2e

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/defaultsg/defaultsg/internal/sim"
)

// TestCloseCountsWhatWasRevokedPerDirection: the egress revoke is denied
// while the ingress revoke succeeds (answered late, after the denial).
// close must report the inbound rules AWS removed, per direction, from a
// re-read of the group — not 0 because the other direction failed. Issue
// 19 item 5.
func TestCloseCountsWhatWasRevokedPerDirection(t *testing.T) {
	ep := startSim(t, appScenario(""))
	ep.Sim.SetFaults(sim.Faults{Deny: []sim.DenyRule{{Service: "ec2", Action: "RevokeSecurityGroupEgress"}}})
	ep.Sim.SetActionFaults(sim.ActionFault{Service: "ec2", Action: "RevokeSecurityGroupIngress", Answer: sim.AnswerLate, Delay: 300 * time.Millisecond})
	dir := t.TempDir()
	r := run(t, ep, dir, nil, "--regions", "us-east-1", "close", "--yes", "--group-ids", "sg-0def", "--backup", dir+"/b.json", "-o", "json")
	var res struct {
		Groups []struct {
			GroupID string `json:"group_id"`
			Outcome string `json:"outcome"`
			Revoked int    `json:"rules_revoked"`
			In      int    `json:"rules_revoked_ingress"`
			Out     int    `json:"rules_revoked_egress"`
			Message string `json:"message"`
		} `json:"groups"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &res); err != nil || len(res.Groups) != 1 {
		t.Fatalf("close JSON (exit %d): %v\n%s\n%s", r.Code, err, r.Stdout, r.Stderr)
	}
	g := res.Groups[0]
	left := 0
	for _, sg := range ep.Sim.SecurityGroups("111111111111", "us-east-1") {
		if sg.ID == "sg-0def" {
			left = len(sg.Rules)
		}
	}
	if r.Code != 6 || g.Outcome != "failed" || left != 1 || g.In != 1 || g.Out != 0 || g.Revoked != 1 {
		t.Fatalf("exit %d, %+v, %d rules left; want exit 6, failed, 1 inbound and 0 outbound revoked, 1 left\n%s", r.Code, g, left, r.Stderr)
	}
}
