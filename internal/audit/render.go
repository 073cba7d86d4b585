package audit

import (
	"strconv"
	"strings"

	"github.com/defaultsg/defaultsg/internal/report"
	"github.com/defaultsg/defaultsg/internal/sgrule"
)

// Table renders one row per default group, rules as multi-line cells.
func Table(rep Report) report.Table {
	t := report.Table{Headers: []string{"ACCOUNT", "REGION", "VPC", "GROUP", "EC2.2", "INBOUND", "OUTBOUND"}, Stack: []int{0, 2}}
	for _, g := range rep.Groups {
		t.Rows = append(t.Rows, []string{
			g.Account, g.Region, vpcLabel(g), g.GroupID, verdict(g.Compliant),
			ruleLines(g.Inbound(), g.GroupID), ruleLines(g.Outbound(), g.GroupID),
		})
	}
	return t
}

// CSVTable renders one row per rule (a compliant group gets one row with
// empty rule columns), which is what spreadsheets want.
func CSVTable(rep Report) report.Table {
	t := report.Table{Headers: []string{"account", "region", "vpc_id", "vpc_name", "group_id", "compliant",
		"rule_id", "direction", "protocol", "from_port", "to_port", "peer", "description"}}
	for _, g := range rep.Groups {
		base := []string{g.Account, g.Region, g.VpcID, g.VpcName, g.GroupID, boolStr(g.Compliant)}
		if len(g.Rules) == 0 {
			t.Rows = append(t.Rows, append(base, "", "", "", "", "", "", ""))
			continue
		}
		for _, r := range g.Rules {
			row := append(append([]string{}, base...), r.RuleID, r.Direction(), r.Protocol,
				itoa(r.FromPort), itoa(r.ToPort), r.Peer(g.GroupID), r.Description)
			t.Rows = append(t.Rows, row)
		}
	}
	return t
}

// ProblemsTable lists what could not be read.
func ProblemsTable(rep Report) report.Table {
	t := report.Table{Title: "Not read (results are incomplete):", Headers: []string{"ACCOUNT", "REGION", "OPERATION", "ERROR"}}
	for _, p := range rep.Problems {
		t.Rows = append(t.Rows, []string{p.Account, p.Region, p.Operation, p.Message})
	}
	return t
}

func vpcLabel(g GroupReport) string {
	s := g.VpcID
	if g.VpcName != "" {
		s += "\n" + g.VpcName
	}
	if g.VpcIsDefault {
		s += "\n(default VPC)"
	}
	return s
}

func verdict(ok bool) string {
	if ok {
		return "PASS"
	}
	return "FAIL"
}

func ruleLines(rules []sgrule.Rule, self string) string {
	if len(rules) == 0 {
		return "-"
	}
	lines := make([]string, len(rules))
	for i, r := range rules {
		s := r.Summary(self)
		// Direction is already the column.
		s = strings.TrimPrefix(strings.TrimPrefix(s, "inbound "), "outbound ")
		lines[i] = s
	}
	return strings.Join(lines, "\n")
}

func boolStr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func itoa(n int32) string { return strconv.FormatInt(int64(n), 10) }
