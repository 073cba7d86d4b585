package e2e

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

// inventoryScenario is an organization whose management account runs an
// AWS Config aggregator in us-east-1. Account 222222222222 has its
// recorder off in eu-west-1; account 333333333333 records only instances
// in us-east-1. Interfaces of every attribution path sit on the default
// groups.
const inventoryScenario = `
accounts:
  - id: "111111111111"
    access_key_id: AKIAORGMANAGEMENT01
    resources:
      us-east-1:
        config_aggregators: [org]
        network_interfaces:
          - {description: "instance", attachment: {instance_id: i-0aaa1111}}
          - {description: "mine", tags: {aws:cloudformation:stack-name: net}}
          - {description: "VPC Endpoint Interface vpce-0123abcd", interface_type: vpc_endpoint, requester_managed: true, requester_id: "727180483921"}
          - {description: "RDSNetworkInterface", requester_managed: true, requester_id: amazon-rds}
          - {description: "someone else's", requester_managed: true, requester_id: "999999999999"}
      eu-west-1:
        network_interfaces:
          - {description: "instance", attachment: {instance_id: i-0bbb2222}}
  - id: "222222222222"
    resources:
      us-east-1:
        lambda_functions: [{name: worker, groups: [default]}]
        load_balancers: [{name: clb, type: classic}]
        network_interfaces:
          - {description: "AWS Lambda VPC ENI-worker-0123abcd", interface_type: lambda, requester_managed: true, requester_id: "AROAEXAMPLE:worker"}
      eu-west-1:
        config_recorder: {recording: false}
        network_interfaces:
          - {description: "instance", attachment: {instance_id: i-0ccc3333}}
  - id: "333333333333"
    resources:
      us-east-1:
        config_recorder: {resource_types: ["AWS::EC2::Instance"]}
        network_interfaces:
          - {description: "mine too"}
regions: [us-east-1, eu-west-1]
organization:
  ous:
    - {name: Prod, id: ou-test-11111111, accounts: ["222222222222", "333333333333"]}
`

type inventoryJSON struct {
	Groups []struct {
		Account string            `json:"account"`
		Region  string            `json:"region"`
		GroupID string            `json:"group_id"`
		State   string            `json:"state"`
		Users   []json.RawMessage `json:"users"`
	} `json:"groups"`
	Inventory *struct {
		Source           string            `json:"source"`
		Error            string            `json:"error"`
		Answers          map[string]string `json:"answers"`
		DirectEverywhere []string          `json:"direct_everywhere"`
		Cells            []struct {
			Account, Region string
			Config          []string
			Direct          []struct{ Finder, Reason string }
		} `json:"cells"`
	} `json:"inventory"`
}

func inventoryUsage(t *testing.T, ep endpoint, args ...string) (inventoryJSON, result) {
	t.Helper()
	r := run(t, ep, "", nil, append([]string{"--org", "usage", "-o", "json"}, args...)...)
	var rep inventoryJSON
	if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil {
		t.Fatalf("usage JSON: %v\nstdout:\n%s\nstderr:\n%s", err, r.Stdout, r.Stderr)
	}
	return rep, r
}

// users is every user of every group as its JSON, sorted.
func (rep inventoryJSON) users() []string {
	var out []string
	for _, g := range rep.Groups {
		for _, u := range g.Users {
			out = append(out, g.Account+" "+g.Region+" "+g.State+" "+string(u))
		}
	}
	slices.Sort(out)
	return out
}

func TestInventoryThroughTheAggregatorFindsWhatDirectFinds(t *testing.T) {
	ep := startSim(t, inventoryScenario)
	direct, rd := inventoryUsage(t, ep)
	agg, ra := inventoryUsage(t, ep, "--inventory", "config:org")
	if rd.Code != 3 || ra.Code != rd.Code {
		t.Fatalf("exit direct %d, aggregator %d; want 3 both\n%s\n%s", rd.Code, ra.Code, rd.Stderr, ra.Stderr)
	}
	if direct.Inventory != nil || agg.Inventory == nil || agg.Inventory.Source != "config:org" || agg.Inventory.Error != "" {
		t.Fatalf("inventory sections: direct %+v, aggregator %+v", direct.Inventory, agg.Inventory)
	}
	du, au := direct.users(), agg.users()
	if len(du) < 7 || !slices.Equal(du, au) {
		t.Fatalf("users differ:\ndirect:\n%s\naggregator:\n%s", strings.Join(du, "\n"), strings.Join(au, "\n"))
	}
	want := map[string]string{
		"111111111111 us-east-1": "config:org", "111111111111 eu-west-1": "config:org",
		"222222222222 us-east-1": "config:org", "222222222222 eu-west-1": "direct FAILED",
		"333333333333 us-east-1": "direct does not record AWS::EC2::NetworkInterface", "333333333333 eu-west-1": "config:org",
	}
	got := map[string]string{}
	lambda := map[string]string{}
	for _, c := range agg.Inventory.Cells {
		cell := c.Account + " " + c.Region
		for _, f := range c.Config {
			switch f {
			case "ec2-network-interfaces":
				got[cell] = "config:org"
			case "lambda-functions":
				lambda[cell] = "config:org"
			}
		}
		for _, d := range c.Direct {
			switch d.Finder {
			case "ec2-network-interfaces":
				got[cell] = "direct " + d.Reason
			case "lambda-functions":
				lambda[cell] = "direct " + d.Reason
			}
		}
		for _, f := range append(c.Config, "") {
			if slices.Contains(agg.Inventory.DirectEverywhere, f) {
				t.Errorf("cell of a finder the aggregator does not answer: %+v", c)
			}
		}
	}
	// Presence: where functions are recorded the finder reads directly;
	// where none are, it is answered without a call.
	for cell, w := range map[string]string{
		"111111111111 us-east-1": "config:org", "222222222222 us-east-1": "direct 1 AWS::Lambda::Function recorded",
		"222222222222 eu-west-1": "direct FAILED", "333333333333 us-east-1": "direct does not record AWS::Lambda::Function",
	} {
		src, why, _ := strings.Cut(w, " ")
		if g := lambda[cell]; !strings.HasPrefix(g, src) || !strings.Contains(g, why) {
			t.Errorf("lambda-functions %s: source %q, want %q", cell, g, w)
		}
	}
	for cell, w := range want {
		src, why, _ := strings.Cut(w, " ")
		if g := got[cell]; !strings.HasPrefix(g, src) || !strings.Contains(g, why) {
			t.Errorf("%s: source %q, want %q", cell, g, w)
		}
	}
	if len(got) != len(want) || !slices.Contains(agg.Inventory.DirectEverywhere, "ec2-security-group-references") {
		t.Errorf("cells %v; direct everywhere %v", got, agg.Inventory.DirectEverywhere)
	}
	// Read-only, and in the aggregator's cells no DescribeNetworkInterfaces.
	enis := map[string]bool{}
	for _, c := range ep.Sim.Calls() {
		if c.Mutating {
			t.Errorf("usage made a mutating call: %+v", c)
		}
		if c.Action == "DescribeNetworkInterfaces" {
			enis[c.Account+" "+c.Region] = true
		}
	}
	if !enis["222222222222 eu-west-1"] || !enis["333333333333 us-east-1"] {
		t.Errorf("the cells the aggregator does not record were not read directly: %v", enis)
	}
}

func TestInventoryDeniedFallsBackToDirectEverywhere(t *testing.T) {
	ep := startSim(t, inventoryScenario+`
faults:
  deny:
    - {service: config, action: SelectAggregateResourceConfig}
`)
	direct, _ := inventoryUsage(t, ep)
	agg, r := inventoryUsage(t, ep, "--inventory", "config:org")
	if r.Code != 3 || !strings.Contains(r.Stderr, "config:org could not be read") {
		t.Fatalf("exit %d, want 3 with a warning\n%s", r.Code, r.Stderr)
	}
	if agg.Inventory == nil || !strings.Contains(agg.Inventory.Error, "AccessDenied") || !strings.Contains(agg.Inventory.Error, "SelectAggregateResourceConfig") {
		t.Fatalf("inventory %+v: want the denied call named", agg.Inventory)
	}
	for _, c := range agg.Inventory.Cells {
		if len(c.Config) > 0 || len(c.Direct) == 0 {
			t.Errorf("cell %+v answered by the aggregator it could not read", c)
		}
	}
	if !slices.Equal(direct.users(), agg.users()) {
		t.Fatalf("users differ:\n%s\n---\n%s", strings.Join(direct.users(), "\n"), strings.Join(agg.users(), "\n"))
	}
}

func TestInventoryUnknownAggregatorFallsBack(t *testing.T) {
	ep := startSim(t, inventoryScenario)
	agg, r := inventoryUsage(t, ep, "--inventory", "config:nope")
	if r.Code != 3 || agg.Inventory == nil || !strings.Contains(agg.Inventory.Error, "NoSuchConfigurationAggregator") {
		t.Fatalf("exit %d, inventory %+v\n%s", r.Code, agg.Inventory, r.Stderr)
	}
	if r := run(t, ep, "", nil, "--org", "--inventory", "nope", "usage"); r.Code != 2 {
		t.Fatalf("--inventory nope: exit %d, want 2 (usage)\n%s", r.Code, r.Stderr)
	}
}

// TestInventoryOverEveryServiceFindsWhatDirectFinds runs the simulator's
// scenario with a resource of every kind: every finder the aggregator
// answers by presence must fall back where its type has items, and the
// users must be exactly those of a direct run.
func TestInventoryOverEveryServiceFindsWhatDirectFinds(t *testing.T) {
	data, err := os.ReadFile("../internal/sim/testdata/every-service.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ep := startSim(t, string(data))
	direct, rd := inventoryUsage(t, ep)
	agg, ra := inventoryUsage(t, ep, "--inventory", "config:org")
	if ra.Code != rd.Code || agg.Inventory == nil || agg.Inventory.Error != "" {
		t.Fatalf("exit direct %d, aggregator %d; inventory %+v\n%s", rd.Code, ra.Code, agg.Inventory, ra.Stderr)
	}
	if du, au := direct.users(), agg.users(); len(du) < 40 || !slices.Equal(du, au) {
		t.Fatalf("%d users direct, %d through the aggregator:\n%s", len(du), len(au), diffLines(du, au))
	}
	answered := 0
	for _, c := range agg.Inventory.Cells {
		answered += len(c.Config)
	}
	if answered == 0 {
		t.Fatalf("no cell answered by the aggregator: %+v", agg.Inventory.Cells)
	}
	// Every finder the aggregator can answer was answered from it in some
	// cell (the scenario leaves cells without its resources), and read
	// directly where the cell holds them: both paths of each pairing ran.
	for finder := range agg.Inventory.Answers {
		fromConfig, directly := false, false
		for _, c := range agg.Inventory.Cells {
			fromConfig = fromConfig || slices.Contains(c.Config, finder)
			for _, d := range c.Direct {
				directly = directly || d.Finder == finder
			}
		}
		if finder == "ec2-network-interfaces" {
			directly = true // answered from its items, never by presence
		}
		if !fromConfig || !directly {
			t.Errorf("%s: answered from the aggregator in some cell %t, read directly in some cell %t; want both", finder, fromConfig, directly)
		}
	}
}

func diffLines(a, b []string) string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, "- "+x)
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			out = append(out, "+ "+x)
		}
	}
	return strings.Join(out, "\n")
}
