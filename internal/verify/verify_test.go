package verify

import (
	"testing"

	"github.com/defaultsg/defaultsg/internal/plan"
	"github.com/defaultsg/defaultsg/internal/sgrule"
)

func TestCompare(t *testing.T) {
	planned := map[string][]plan.Rule{"sg-def": {
		{Self: true, Rule: sgrule.Rule{Protocol: "-1", FromPort: -1, ToPort: -1}},
		{Rule: sgrule.Rule{Egress: true, Protocol: "-1", FromPort: -1, ToPort: -1, CidrIPv4: "0.0.0.0/0"}},
	}}
	repl := map[string]string{"sg-def": "sg-new"}
	current := map[string][]sgrule.Rule{
		"sg-new": {
			{Protocol: "-1", FromPort: -1, ToPort: -1, Group: &sgrule.GroupRef{GroupID: "sg-new"}},
			{Egress: true, Protocol: "-1", FromPort: -1, ToPort: -1, CidrIPv4: "0.0.0.0/0"},
		},
		"sg-app": {{Protocol: "tcp", FromPort: 443, ToPort: 443, Group: &sgrule.GroupRef{GroupID: "sg-def"}}},
	}
	rulesOf := func(g string) []sgrule.Rule { return current[g] }
	lost, gained := Compare([]string{"sg-def", "sg-app"}, []string{"sg-new", "sg-app"}, rulesOf, planned, repl)
	if len(lost) != 0 || len(gained) != 0 {
		t.Fatalf("equivalent move reported lost=%v gained=%v", lost, gained)
	}
	current["sg-new"] = current["sg-new"][:1]
	current["sg-new"] = append(current["sg-new"], sgrule.Rule{Protocol: "tcp", FromPort: 22, ToPort: 22, CidrIPv4: "0.0.0.0/0"})
	lost, gained = Compare([]string{"sg-def", "sg-app"}, []string{"sg-new", "sg-app"}, rulesOf, planned, repl)
	if len(lost) != 1 || lost[0] != "outbound all traffic 0.0.0.0/0" || len(gained) != 1 || gained[0] != "inbound tcp/22 0.0.0.0/0" {
		t.Fatalf("lost=%v gained=%v", lost, gained)
	}
}
