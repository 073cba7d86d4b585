package e2e

import (
	"encoding/json"
	"strings"
	"testing"
)

// usage --list-finders lists every kind with its finders, their IAM
// actions and its move, as JSON or a table, without calling AWS.
func TestUsageListFindersJSONAndTable(t *testing.T) {
	ep := startSim(t, appScenario(""))
	r := run(t, ep, "", nil, "usage", "--list-finders", "-o", "json")
	var kinds []struct {
		Kind    string `json:"kind"`
		Finders []struct {
			Name string   `json:"name"`
			IAM  []string `json:"iam"`
		} `json:"finders"`
		Move struct {
			Mover  bool   `json:"mover"`
			API    string `json:"api"`
			Manual string `json:"manual"`
		} `json:"move"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &kinds); err != nil || r.Code != 0 {
		t.Fatalf("exit %d, %v\n%s%s", r.Code, err, r.Stdout, r.Stderr)
	}
	found := map[string]bool{}
	for _, k := range kinds {
		found[k.Kind] = true
		if len(k.Finders) == 0 || (!k.Move.Mover && k.Move.Manual == "") || (k.Move.Mover && k.Move.API == "") {
			t.Errorf("%s: finders %v, move %+v", k.Kind, k.Finders, k.Move)
		}
		if k.Kind == "sfn.state-machine" && (k.Finders[0].Name != "sfn-state-machines" ||
			strings.Join(k.Finders[0].IAM, " ") != "states:ListStateMachines states:DescribeStateMachine states:ListStateMachineVersions ec2:DescribeSubnets" ||
			!k.Move.Mover || k.Move.API != "states:UpdateStateMachine") {
			t.Errorf("sfn.state-machine: %+v", k)
		}
		if k.Kind == "msk.cluster" && (k.Move.Mover || !strings.Contains(k.Move.Manual, "CreateCluster")) {
			t.Errorf("msk.cluster (AWS can only replace it): %+v", k)
		}
	}
	if !found["mq.broker"] || !found["imagebuilder.infrastructure-configuration"] {
		t.Errorf("kinds missing: %v", found)
	}
	if len(ep.Sim.Calls()) != 0 {
		t.Errorf("--list-finders called AWS: %v", ep.Sim.Calls())
	}
	r = run(t, ep, "", nil, "usage", "--list-finders")
	if r.Code != 0 || !strings.Contains(r.Stdout, "sfn-state-machines") || !strings.Contains(r.Stdout, "apply: mq:UpdateBroker") {
		t.Fatalf("table: exit %d\n%s%s", r.Code, r.Stdout, r.Stderr)
	}
}
