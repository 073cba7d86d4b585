package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/defaultsg/defaultsg/internal/sim"
)

// usageJSON is the part of `usage -o json` these tests read.
type usageJSON struct {
	Groups []struct {
		GroupID string `json:"group_id"`
		State   string `json:"state"`
		Users   []struct {
			Finder       string `json:"finder"`
			Kind         string `json:"kind"`
			ResourceType string `json:"resource_type"`
			ResourceID   string `json:"resource_id"`
			ResourceKind string `json:"resource_kind"`
			Detail       string `json:"detail"`
			ManagedBy    string `json:"managed_by"`
			GroupID      string `json:"group_id"`
		} `json:"users"`
	} `json:"groups"`
	Coverage []struct {
		Finder string `json:"finder"`
		Status string `json:"status"`
	} `json:"coverage"`
}

func usageReport(t *testing.T, ep endpoint, args ...string) (usageJSON, result) {
	t.Helper()
	r := run(t, ep, "", nil, append([]string{"--regions", "us-east-1", "usage", "-o", "json"}, args...)...)
	var rep usageJSON
	if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil {
		t.Fatalf("usage JSON: %v\nstdout:\n%s\nstderr:\n%s", err, r.Stdout, r.Stderr)
	}
	return rep, r
}

// users lists "group finder kind resource-id managed-by" for finder.
func (u usageJSON) users(finder string) []string {
	var out []string
	for _, g := range u.Groups {
		for _, x := range g.Users {
			if x.Finder == finder {
				out = append(out, strings.TrimSpace(fmt.Sprintf("%s %s %s %s %s", x.GroupID, x.Finder, x.Kind, x.ResourceID, x.ManagedBy)))
			}
		}
	}
	return out
}

func (u usageJSON) coverage(finder string) string {
	for _, c := range u.Coverage {
		if c.Finder == finder {
			return c.Status
		}
	}
	return "missing"
}

// queryScenario puts resources (YAML lines under the region) next to a
// pinned default group sg-0def and a group "web".
func queryScenario(resources string) string {
	return `
accounts:
  - id: "111111111111"
    resources:
      us-east-1:
        default_group: {id: sg-0def}
        security_groups: [{name: web}]
` + resources + `
regions: [us-east-1]
`
}

// queryFinderCase is one finder seen present, denied and absent.
type queryFinderCase struct {
	finder, present, absent string
	deny                    sim.DenyRule
	want                    string // the one user expected with present
}

var queryServiceCases = []queryFinderCase{
	{"autoscaling-groups",
		`        launch_configurations: [{name: lc, group_names: [default]}]
        autoscaling_groups: [{name: web-asg, launch_configuration: lc, tags: {aws:cloudformation:stack-name: app}}]`,
		`        launch_configurations: [{name: lc, groups: [web]}]
        autoscaling_groups: [{name: web-asg, launch_configuration: lc}]`,
		// Both Auto Scaling finders, or the launch configuration one still finds lc.
		sim.DenyRule{Service: "autoscaling", Action: "*"},
		"sg-0def autoscaling-groups latent web-asg cloudformation:app"},
	{"autoscaling-groups",
		// Through EC2: $Latest of the template is version 2, on the default group by name.
		`        launch_templates: [{name: tpl, versions: [{groups: [web]}, {group_names: [default]}]}]
        autoscaling_groups: [{name: lt-asg, launch_template: {name: tpl, version: $Latest}}]`,
		`        launch_templates: [{name: tpl, versions: [{groups: [web]}, {groups: [web]}]}]
        autoscaling_groups: [{name: lt-asg, launch_template: {name: tpl, version: $Latest}}]`,
		sim.DenyRule{Service: "ec2", Action: "DescribeLaunchTemplateVersions"},
		"sg-0def autoscaling-groups latent lt-asg"},
	{"autoscaling-launch-configurations",
		`        launch_configurations: [{name: lc, groups: [default]}]`,
		`        launch_configurations: [{name: lc, groups: [web]}]`,
		sim.DenyRule{Service: "autoscaling", Action: "DescribeLaunchConfigurations"},
		"sg-0def autoscaling-launch-configurations latent lc"},
	{"elbv2-load-balancers",
		`        load_balancers: [{name: alb, tags: {aws:cloudformation:stack-name: edge}}]`,
		`        load_balancers: [{name: alb, groups: [web]}, {name: nlb, type: network}]`,
		sim.DenyRule{Service: "elasticloadbalancing", Action: "DescribeLoadBalancers"},
		"sg-0def elbv2-load-balancers live alb cloudformation:edge"},
	{"elb-classic-load-balancers",
		`        load_balancers: [{name: clb, type: classic}]`,
		`        load_balancers: [{name: clb, type: classic, groups: [web]}]`,
		sim.DenyRule{Service: "elasticloadbalancing", Action: "DescribeLoadBalancers"},
		"sg-0def elb-classic-load-balancers live clb"},
	{"rds-instances",
		`        db_instances: [{name: pg, tags: {aws:cloudformation:stack-name: db}}]`,
		`        db_instances: [{name: pg, groups: [web]}]`,
		sim.DenyRule{Service: "rds", Action: "DescribeDBInstances"},
		"sg-0def rds-instances live pg cloudformation:db"},
	{"rds-clusters",
		`        db_clusters: [{name: aurora, groups: [default]}]`,
		`        db_clusters: [{name: aurora, groups: [web]}]`,
		sim.DenyRule{Service: "rds", Action: "DescribeDBClusters"},
		"sg-0def rds-clusters live aurora"},
	{"rds-proxies",
		`        db_proxies: [{name: px}]`,
		`        db_proxies: [{name: px, groups: [web]}]`,
		sim.DenyRule{Service: "rds", Action: "DescribeDBProxies"},
		"sg-0def rds-proxies live px"},
	{"elasticache-clusters",
		`        cache_clusters: [{name: redis-1}]`,
		`        cache_clusters: [{name: redis-1, groups: [web]}]`,
		sim.DenyRule{Service: "elasticache", Action: "*"},
		"sg-0def elasticache-clusters live redis-1"},
	{"redshift-clusters",
		`        redshift_clusters: [{name: wh, groups: [web, default]}]`,
		`        redshift_clusters: [{name: wh, groups: [web]}]`,
		sim.DenyRule{Service: "redshift", Action: "*"},
		"sg-0def redshift-clusters live wh"},
	{"efs-mount-targets",
		`        efs_file_systems: [{id: fs-0a1, mount_targets: [{id: fsmt-0a1, groups: [web]}, {id: fsmt-0b2}]}]`,
		`        efs_file_systems: [{id: fs-0a1, mount_targets: [{id: fsmt-0a1, groups: [web]}]}]`,
		sim.DenyRule{Service: "elasticfilesystem", Action: "DescribeMountTargetSecurityGroups"},
		"sg-0def efs-mount-targets live fsmt-0b2"},
	{"eks-clusters",
		`        eks_clusters: [{name: k8s, groups: [default]}]`,
		`        eks_clusters: [{name: k8s, groups: [web]}]`,
		sim.DenyRule{Service: "eks", Action: "DescribeCluster"},
		"sg-0def eks-clusters live k8s"},
}

func TestUsageQueryServices(t *testing.T) {
	for _, c := range queryServiceCases {
		t.Run(c.finder+"/"+strings.Fields(c.want)[3], func(t *testing.T) {
			t.Parallel()
			checkQueryFinder(t, c, true)
		})
	}
}

// checkQueryFinder requires the one expected user when present; a denied
// call makes coverage (and every group) unknown, never unused — and, with
// acceptToo, accepted when the gap is accepted; nothing and "checked" when
// absent.
func checkQueryFinder(t *testing.T, c queryFinderCase, acceptToo bool) {
	t.Helper()
	ep := startSim(t, queryScenario(c.present))
	rep, r := usageReport(t, ep)
	if r.Code != 3 || strings.Join(rep.users(c.finder), "|") != c.want {
		t.Fatalf("present: exit %d, users %q, want %q\n%s", r.Code, rep.users(c.finder), c.want, r.Stderr)
	}

	ep.Sim.SetFaults(sim.Faults{Deny: []sim.DenyRule{c.deny}})
	rep, r = usageReport(t, ep)
	if r.Code != 4 || rep.coverage(c.finder) != "unknown" || len(rep.users(c.finder)) != 0 || rep.Groups[0].State != "usage unknown" {
		t.Fatalf("denied: exit %d, coverage %s, users %q\n%s", r.Code, rep.coverage(c.finder), rep.users(c.finder), r.Stderr)
	}
	if acceptToo {
		rep, r = usageReport(t, ep, "--accept-unknown", c.finder)
		if rep.coverage(c.finder) != "accepted" {
			t.Fatalf("accepted: exit %d, coverage %s", r.Code, rep.coverage(c.finder))
		}
	}

	ep = startSim(t, queryScenario(c.absent))
	rep, r = usageReport(t, ep)
	if r.Code != 0 || len(rep.users(c.finder)) != 0 || rep.coverage(c.finder) != "checked" {
		t.Fatalf("absent: exit %d, users %q, coverage %s\n%s", r.Code, rep.users(c.finder), rep.coverage(c.finder), r.Stderr)
	}
}
