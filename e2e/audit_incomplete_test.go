package e2e

import (
	"strings"
	"testing"

	"github.com/defaultsg/defaultsg/internal/sim"
)

// TestAuditNeverPassesAnIncompleteGroupAnswer: every VPC has a default
// group, so an answer to DescribeSecurityGroups that is empty, not EC2's,
// or well-formed but missing a VPC's group makes the region unreadable
// (exit 4), never compliant. Issue 19 item 3.
func TestAuditNeverPassesAnIncompleteGroupAnswer(t *testing.T) {
	ep := startSim(t, appScenario(""))
	const empty = `<?xml version="1.0" encoding="UTF-8"?>
<DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId><securityGroupInfo/></DescribeSecurityGroupsResponse>`
	for _, f := range []sim.ActionFault{
		{Answer: sim.AnswerEmpty},
		{Answer: sim.AnswerHTML},
		{Answer: sim.AnswerBody, Body: empty},
		{Answer: sim.AnswerBody, Body: `<?xml version="1.0"?><DescribeVpcsResponse/>`},
	} {
		f.Service, f.Action = "ec2", "DescribeSecurityGroups"
		ep.Sim.SetActionFaults(f)
		rep, r := auditJSON(t, ep, "--regions", "us-east-1")
		if r.Code != 4 || rep.Summary.Complete || rep.Summary.AccountRegionsRead != 0 || len(rep.Problems) == 0 {
			t.Errorf("%s %.30q: exit %d, summary %+v; want exit 4, the region unread\n%s", f.Answer, f.Body, r.Code, rep.Summary, r.Stderr)
		}
	}
	ep.Sim.SetActionFaults(sim.ActionFault{Service: "ec2", Action: "DescribeSecurityGroups", Answer: sim.AnswerBody, Body: empty})
	_, r := auditJSON(t, ep, "--regions", "us-east-1")
	if !strings.Contains(r.Stdout+r.Stderr, "no default group for vpc-") {
		t.Errorf("the problem does not name the VPCs without a group:\n%s\n%s", r.Stdout, r.Stderr)
	}
	ep.Sim.SetActionFaults()
	if rep, r := auditJSON(t, ep, "--regions", "us-east-1"); r.Code != 3 || rep.Summary.Groups != 3 {
		t.Fatalf("without faults: exit %d, %+v; want 3 groups, exit 3", r.Code, rep.Summary)
	}
}
