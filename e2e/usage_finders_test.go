package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/defaultsg/defaultsg/internal/sim"
)

// appUsage is the part of `usage -o json` the finder tests read.
type appUsage struct {
	Groups []struct {
		Region  string `json:"region"`
		GroupID string `json:"group_id"`
		State   string `json:"state"`
		Users   []struct {
			Finder       string `json:"finder"`
			Kind         string `json:"kind"`
			ResourceType string `json:"resource_type"`
			ResourceID   string `json:"resource_id"`
			Detail       string `json:"detail"`
		} `json:"users"`
	} `json:"groups"`
	Coverage []struct {
		Region string `json:"region"`
		Finder string `json:"finder"`
		Status string `json:"status"`
	} `json:"coverage"`
}

func appUsageRun(t *testing.T, ep endpoint, args ...string) (appUsage, result) {
	t.Helper()
	r := run(t, ep, "", nil, append([]string{"usage", "-o", "json"}, args...)...)
	var rep appUsage
	if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil {
		t.Fatalf("usage JSON: %v\nstdout:\n%s\nstderr:\n%s", err, r.Stdout, r.Stderr)
	}
	return rep, r
}

// found lists "group kind resource-id" of finder's users, in report order.
func (u appUsage) found(finder string) []string {
	var out []string
	for _, g := range u.Groups {
		for _, x := range g.Users {
			if x.Finder == finder {
				out = append(out, g.GroupID+" "+x.Kind+" "+x.ResourceID)
			}
		}
	}
	return out
}

func (u appUsage) status(region, finder string) string {
	for _, c := range u.Coverage {
		if c.Finder == finder && (region == "" || c.Region == region) {
			return c.Status
		}
	}
	return "missing"
}

// appScenario is one region with three default groups (sg-0def in the
// default VPC, sg-0dee in "prod", sg-0ded in "data"), a group "web" in the
// default VPC, and resources: YAML lines under us-east-1.
func appScenario(resources string) string {
	return `
accounts:
  - id: "111111111111"
    resources:
      us-east-1:
        default_group: {id: sg-0def}
        vpcs:
          - {name: prod, cidr: 10.10.0.0/16, default_group: {id: sg-0dee}}
          - {name: data, cidr: 10.20.0.0/16, default_group: {id: sg-0ded}}
        security_groups: [{name: web}]
` + resources + `
regions: [us-east-1]
`
}

// appFinderCases: for each finder, a resource on a default group (present)
// and the same resource on "web" (absent), and the call to deny.
var appFinderCases = []struct {
	finder, present, absent, want string
	deny                          sim.DenyRule
}{
	{"lambda-functions",
		"        lambda_functions: [{name: api, groups: [web], versions: [{groups: [default]}, {groups: [web]}]}]",
		"        lambda_functions: [{name: api, groups: [web], versions: [{groups: [web]}]}]",
		"sg-0def latent api", sim.DenyRule{Service: "lambda", Action: "*"}},
	{"codebuild-projects",
		"        codebuild_projects: [{name: deploy, groups: [default]}]",
		"        codebuild_projects: [{name: deploy, groups: [web]}, {name: no-vpc}]",
		"sg-0def latent deploy", sim.DenyRule{Service: "codebuild", Action: "ListProjects"}},
	{"codebuild-fleets",
		"        codebuild_fleets: [{name: runners, vpc: prod, groups: [default]}]",
		"        codebuild_fleets: [{name: runners, groups: [web]}]",
		"sg-0dee latent runners", sim.DenyRule{Service: "codebuild", Action: "BatchGetFleets"}},
	{"ec2-launch-templates",
		"        launch_templates: [{name: web-lt, id: lt-0abc, default_version: 2, versions: [{groups: [default]}, {groups: [web]}]}]",
		"        launch_templates: [{name: web-lt, id: lt-0abc, versions: [{groups: [web]}, {group_names: [web]}]}]",
		"sg-0def latent lt-0abc", sim.DenyRule{Service: "ec2", Action: "DescribeLaunchTemplate*"}},
	{"ecs-services",
		"        ecs_clusters: [{name: main, services: [{name: api, groups: [web], deployments: [{vpc: data, groups: [default]}]}]}]",
		"        ecs_clusters: [{name: main, services: [{name: api, groups: [web]}, {name: bridge}]}]",
		"sg-0ded latent main/api", sim.DenyRule{Service: "ecs", Action: "DescribeServices"}},
	{"eventbridge-ecs-targets",
		"        event_rules: [{name: nightly, schedule: rate(1 day), ecs_targets: [{id: report, cluster: main, vpc: prod, groups: [default]}]}]",
		"        event_rules: [{name: nightly, schedule: rate(1 day), ecs_targets: [{id: report, groups: [web]}]}]",
		"sg-0dee latent nightly", sim.DenyRule{Service: "events", Action: "ListTargetsByRule"}},
	{"glue-connections",
		"        glue_connections: [{name: warehouse, vpc: data, groups: [default]}]",
		"        glue_connections: [{name: warehouse, groups: [web]}, {name: no-vpc}]",
		"sg-0ded latent warehouse", sim.DenyRule{Service: "glue", Action: "*"}},
	{"ec2-vpc-endpoints",
		"        vpc_endpoints: [{id: vpce-0abc, service: com.amazonaws.us-east-1.ssm}]", // no groups: the default group, as in AWS
		"        vpc_endpoints: [{id: vpce-0abc, groups: [web]}, {id: vpce-0abd, type: Gateway}]",
		"sg-0def live vpce-0abc", sim.DenyRule{Service: "ec2", Action: "DescribeVpcEndpoints"}},
	{"ec2-peered-references",
		"        peered_references: [{group: default, vpc: prod, referencing_vpc: vpc-0fedcba9876543210, peering: pcx-0123456789abcdef0}]",
		"        peered_references: [{group: web, referencing_vpc: vpc-0fedcba9876543210, transit_gateway: tgw-0abc}]",
		"sg-0dee reference vpc-0fedcba9876543210", sim.DenyRule{Service: "ec2", Action: "DescribeSecurityGroupReferences"}},
	{"ec2-instance-connect-endpoints",
		"        instance_connect_endpoints: [{id: eice-0abc, vpc: data}]",
		"        instance_connect_endpoints: [{id: eice-0abc, groups: [web]}]",
		"sg-0ded live eice-0abc", sim.DenyRule{Service: "ec2", Action: "DescribeInstanceConnectEndpoints"}},
	{"ec2-client-vpn-endpoints",
		"        client_vpn_endpoints: [{id: cvpn-endpoint-0abc, groups: [default]}]",
		"        client_vpn_endpoints: [{id: cvpn-endpoint-0abc, groups: [web]}]",
		"sg-0def latent cvpn-endpoint-0abc", sim.DenyRule{Service: "ec2", Action: "DescribeClientVpnEndpoints"}},
	{"ec2-fleets", // a template naming no group and no subnet: the default VPC's group
		"        launch_templates: [{name: bare, versions: [{}]}]\n        ec2_fleets: [{id: fleet-0abc, launch_templates: [{name: bare}]}]",
		"        launch_templates: [{name: web, versions: [{groups: [web]}]}]\n        ec2_fleets: [{id: fleet-0abc, launch_templates: [{name: web}]}]",
		"sg-0def latent fleet-0abc", sim.DenyRule{Service: "ec2", Action: "DescribeFleets"}},
	{"ec2-spot-fleets",
		"        spot_fleets: [{id: sfr-0abc, launch_specifications: [{vpc: data, groups: [default]}]}, {id: sfr-0abd, state: cancelled, launch_specifications: [{groups: [default]}]}]",
		"        spot_fleets: [{id: sfr-0abc, launch_specifications: [{groups: [web]}]}]",
		"sg-0ded latent sfr-0abc", sim.DenyRule{Service: "ec2", Action: "DescribeSpotFleetRequests"}},
	{"ec2-spot-instance-requests", // a persistent request naming no group relaunches into its subnet's VPC default group
		"        spot_instance_requests: [{id: sir-0abc1234, type: persistent, state: active, vpc: data}, {id: sir-0abc1235, state: active, groups: [default]}]",
		"        spot_instance_requests: [{id: sir-0abc1234, type: persistent, state: active, groups: [web]}, {id: sir-0abc1235, type: persistent, state: cancelled, groups: [default]}]",
		"sg-0ded latent sir-0abc1234", sim.DenyRule{Service: "ec2", Action: "DescribeSpotInstanceRequests"}},
}

func TestUsageFindersPresentAbsentDenied(t *testing.T) {
	for _, tc := range appFinderCases {
		t.Run(tc.finder, func(t *testing.T) {
			t.Parallel()
			checkAppFinder(t, tc.finder, tc.present, tc.absent, tc.want, tc.deny)
		})
	}
}

// checkAppFinder requires want when present; nothing and "checked" when
// absent; and, with the finder's call denied, coverage and every group
// unknown, never unused.
func checkAppFinder(t *testing.T, finder, present, absent, want string, deny sim.DenyRule) {
	t.Helper()
	rep, r := appUsageRun(t, startSim(t, appScenario(present)), "--regions", "us-east-1")
	// Another group's rule naming a default group is listed, but with no
	// member in the group it is stale and the group is unused (exit 0).
	wantCode := 3
	if strings.Contains(want, " reference ") {
		wantCode = 0
	}
	if got := strings.Join(rep.found(finder), "; "); got != want || r.Code != wantCode {
		t.Errorf("present: exit %d, users %q, want exit %d and %q\n%s", r.Code, got, wantCode, want, r.Stderr)
	}
	ep := startSim(t, appScenario(absent))
	rep, r = appUsageRun(t, ep, "--regions", "us-east-1")
	if got := rep.found(finder); len(got) != 0 || r.Code != 0 || rep.status("", finder) != "checked" {
		t.Errorf("absent: exit %d, users %q, coverage %s; want exit 0, none, checked\n%s", r.Code, got, rep.status("", finder), r.Stderr)
	}
	ep.Sim.SetFaults(sim.Faults{Deny: []sim.DenyRule{deny}})
	rep, r = appUsageRun(t, ep, "--regions", "us-east-1")
	if r.Code != 4 || rep.status("", finder) != "unknown" {
		t.Errorf("denied: exit %d, coverage %s; want exit 4, unknown\n%s", r.Code, rep.status("", finder), r.Stderr)
	}
	for _, g := range rep.Groups {
		if g.State != "usage unknown" {
			t.Errorf("denied: group %s is %q, want \"usage unknown\"", g.GroupID, g.State)
		}
	}
}

// trapScenario holds the users a live-interface sweep misses: a CodeBuild
// project with no interface, a Lambda published version (its $LATEST is
// clean), an old launch template version (the default one is clean), an
// ECS task an EventBridge rule starts, a Glue connection and a peered-VPC
// rule. "spare" has nothing; eu-west-1 has a service denied.
const trapScenario = `
accounts:
  - id: "111111111111"
    resources:
      us-east-1:
        default_group: {id: sg-0def}
        vpcs:
          - {name: prod, cidr: 10.10.0.0/16, default_group: {id: sg-0dee}}
          - {name: data, cidr: 10.20.0.0/16, default_group: {id: sg-0ded}}
          - {name: spare, cidr: 10.30.0.0/16, default_group: {id: sg-0dea}}
        security_groups: [{name: web}, {name: app, vpc: prod}]
        codebuild_projects: [{name: deploy, groups: [default]}]
        lambda_functions: [{name: api, groups: [web], versions: [{groups: [default]}]}]
        launch_templates: [{name: app-lt, id: lt-0abc, default_version: 2, versions: [{vpc: prod, groups: [default]}, {vpc: prod, groups: [app]}]}]
        event_rules: [{name: nightly, schedule: rate(1 day), ecs_targets: [{id: report, vpc: prod, groups: [default]}]}]
        glue_connections: [{name: warehouse, vpc: data, groups: [default]}]
        peered_references: [{group: default, vpc: data, referencing_vpc: vpc-0fedcba9876543210, peering: pcx-0123456789abcdef0}]
      eu-west-1:
        default_group: {id: sg-0deb}
regions: [us-east-1, eu-west-1]
faults:
  deny: [{region: eu-west-1, service: glue}]
`

func TestTrapScenarioUsageAndCloseRefuseEveryAffectedGroup(t *testing.T) {
	ep := startSim(t, trapScenario)
	rep, r := appUsageRun(t, ep)
	if r.Code != 4 {
		t.Fatalf("usage: exit %d, want 4 (eu-west-1 unknown)\n%s", r.Code, r.Stderr)
	}
	want := map[string][]string{
		"codebuild-projects":      {"sg-0def latent deploy"},
		"lambda-functions":        {"sg-0def latent api"},
		"ec2-launch-templates":    {"sg-0dee latent lt-0abc"},
		"eventbridge-ecs-targets": {"sg-0dee latent nightly"},
		"glue-connections":        {"sg-0ded latent warehouse"},
		"ec2-peered-references":   {"sg-0ded reference vpc-0fedcba9876543210"},
	}
	for finder, w := range want {
		if got := strings.Join(rep.found(finder), "; "); got != strings.Join(w, "; ") {
			t.Errorf("%s: got %q, want %q", finder, got, w)
		}
	}
	if s := rep.status("eu-west-1", "glue-connections"); s != "unknown" {
		t.Errorf("eu-west-1 glue coverage %s, want unknown", s)
	}
	states := map[string]string{}
	for _, g := range rep.Groups {
		states[g.GroupID] = g.State
	}
	wantStates := map[string]string{"sg-0def": "used", "sg-0dee": "used", "sg-0ded": "used", "sg-0dea": "unused", "sg-0deb": "usage unknown"}
	for g, s := range wantStates {
		if states[g] != s {
			t.Errorf("%s is %q, want %q", g, states[g], s)
		}
	}

	out, r := closeRun(t, ep, t.TempDir(), "--yes")
	if r.Code != 5 {
		t.Fatalf("close: exit %d, want 5 (refused)\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	got := map[string]string{}
	for _, g := range out.Groups {
		got[g.GroupID] = g.Outcome
	}
	for g := range wantStates {
		want := "refused"
		if g == "sg-0dea" {
			want = "closed"
		}
		if got[g] != want {
			t.Errorf("close %s: %q, want %q (all: %v)", g, got[g], want, got)
		}
	}
	for _, region := range []string{"us-east-1", "eu-west-1"} {
		for _, g := range ep.Sim.SecurityGroups("111111111111", region) {
			if _, tracked := wantStates[g.ID]; tracked && (len(g.Rules) == 0) != (g.ID == "sg-0dea") {
				t.Errorf("%s has %d rules after close", g.ID, len(g.Rules))
			}
		}
	}
	table := run(t, ep, "", nil, "close", "--yes", "--dry-run")
	mustContain(t, "close output", table.Stdout+table.Stderr, "used by CodeBuild project deploy", "usage unknown: could not check glue-connections")
}
