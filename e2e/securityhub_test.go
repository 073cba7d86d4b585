package e2e

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/securityhub"
	shtypes "github.com/aws/aws-sdk-go-v2/service/securityhub/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/iampolicy"
	"github.com/defaultsg/defaultsg/internal/services"
)

// Security Hub is on in eu-west-1 (its EC2.2 findings follow the Config
// rule's evaluation) and off in us-east-1.
const securityHubScenario = `
accounts:
  - id: "111111111111"
    access_key_id: AKIASECHUB0000000001
    resources:
      eu-west-1:
        vpcs:
          - {name: app, cidr: 10.1.0.0/16}
          - {name: quiet, cidr: 10.2.0.0/16, default_group: {ingress: [], egress: []}}
        network_interfaces:
          - description: Primary network interface
            attachment: {instance_id: i-0aaaaaaaaaaaaaaa1, instance_owner_id: "111111111111"}
        config_rules: [vpc-default-security-group-closed]
        securityhub: SECURITY_CONTROL
regions: [eu-west-1, us-east-1]
`

type hubGroup struct {
	Account string `json:"account"`
	Region  string `json:"region"`
	GroupID string `json:"group_id"`
}

type securityHubJSON struct {
	InScope    []hubGroup `json:"in_scope"`
	NotListed  []hubGroup `json:"not_listed"`
	NotEnabled []string   `json:"securityhub_not_enabled"`
}

func (s securityHubJSON) inScope() []string {
	var out []string
	for _, g := range s.InScope {
		out = append(out, g.GroupID)
	}
	slices.Sort(out)
	return out
}

// The whole Security Hub flow against the simulator: a VPC created after
// the last evaluation is non-compliant but not listed; usage
// --from-securityhub shows exactly the FAILED groups and names the other;
// plan, apply and close --from-securityhub leave it alone; verify
// --securityhub says "not yet re-evaluated" until the Config rule runs
// again, then PASSED.
func TestSecurityHubFlowAgainstSim(t *testing.T) {
	ep := startSim(t, securityHubScenario)
	dir := t.TempDir()
	ec2c := ec2Client(ep, "eu-west-1")
	vpc, err := ec2c.CreateVpc(ctx(t), &ec2.CreateVpcInput{CidrBlock: aws.String("10.3.0.0/16")})
	if err != nil {
		t.Fatal(err)
	}
	groupOf := map[string]string{} // app, quiet, created, default → default group id
	rep, _ := auditJSON(t, ep)
	for _, g := range rep.Groups {
		switch {
		case g.Region != "eu-west-1":
		case g.VpcID == aws.ToString(vpc.Vpc.VpcId):
			groupOf["created"] = g.GroupID
		case g.VpcName == "app", g.VpcName == "quiet":
			groupOf[g.VpcName] = g.GroupID
		default:
			groupOf["default"] = g.GroupID
		}
	}
	if len(groupOf) != 4 {
		t.Fatalf("groups: %v", groupOf)
	}
	created, defaultGroup := groupOf["created"], groupOf["default"]
	failed := []string{defaultGroup, groupOf["app"]}
	slices.Sort(failed)

	r := run(t, ep, dir, nil, "usage", "--from-securityhub", "-o", "json")
	if r.Code != 3 {
		t.Fatalf("usage --from-securityhub: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	var usage struct {
		Groups []struct {
			GroupID string `json:"group_id"`
			State   string `json:"state"`
		} `json:"groups"`
		SecurityHub securityHubJSON `json:"securityhub"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &usage); err != nil {
		t.Fatalf("%v\n%s", err, r.Stdout)
	}
	var got []string
	for _, g := range usage.Groups {
		got = append(got, g.GroupID)
	}
	slices.Sort(got)
	if !slices.Equal(got, failed) || !slices.Equal(usage.SecurityHub.inScope(), failed) {
		t.Errorf("usage --from-securityhub groups %v, in_scope %v; want the FAILED ones %v", got, usage.SecurityHub.inScope(), failed)
	}
	// Not listed: the VPC created after the evaluation, and us-east-1's
	// default group, where Security Hub is off.
	var notListed []string
	for _, g := range usage.SecurityHub.NotListed {
		if g.Region == "eu-west-1" {
			notListed = append(notListed, g.GroupID)
		}
	}
	if !slices.Equal(notListed, []string{created}) || len(usage.SecurityHub.NotListed) != 2 ||
		!slices.Equal(usage.SecurityHub.NotEnabled, []string{"111111111111/us-east-1"}) {
		t.Errorf("not listed %+v (want %s in eu-west-1 and us-east-1's group), not enabled %v", usage.SecurityHub.NotListed, created, usage.SecurityHub.NotEnabled)
	}
	mustContain(t, "usage --from-securityhub stderr", r.Stderr, "2 default groups FAILED and in scope",
		"Non-compliant now but not FAILED in Security Hub", created, "Security Hub not enabled in: 111111111111/us-east-1")

	for _, args := range [][]string{
		{"plan", "--from-securityhub", "--out", "plan.json"},
		{"apply", "plan.json", "--yes"},
		{"close", "--from-securityhub", "--yes"},
	} {
		if r := run(t, ep, dir, nil, args...); r.Code != 0 {
			t.Fatalf("%v: exit %d\n%s\n%s", args, r.Code, r.Stdout, r.Stderr)
		}
	}
	rep, _ = auditJSON(t, ep, "--regions", "eu-west-1")
	for _, g := range rep.Groups {
		if want := g.GroupID != created; g.Compliant != want {
			t.Errorf("after close --from-securityhub: %s compliant=%v, want %v (only the FAILED groups are closed)", g.GroupID, g.Compliant, want)
		}
	}

	views := verifySecurityHub(t, ep, dir)
	for _, id := range failed {
		if v := views[id]; v.SecurityHub != "not yet re-evaluated" || v.Finding != "FAILED" || !v.CompliantNow || v.Agree {
			t.Errorf("verify before re-evaluation, %s: %+v", id, v)
		}
	}
	r = run(t, ep, dir, nil, "verify", "plan.json", "--securityhub", "--regions", "eu-west-1")
	mustContain(t, "verify --securityhub", r.Stdout, "Security Hub (EC2.2) vs the groups now", "not yet re-evaluated", "start-config-rules-evaluation")

	cfg := awsx.StaticConfig(ep.URL, "eu-west-1", ep.AccessKey, "test-secret")
	if _, err := configservice.NewFromConfig(cfg).StartConfigRulesEvaluation(ctx(t), &configservice.StartConfigRulesEvaluationInput{
		ConfigRuleNames: []string{"vpc-default-security-group-closed"}}); err != nil {
		t.Fatal(err)
	}
	views = verifySecurityHub(t, ep, dir)
	for _, id := range failed {
		if v := views[id]; v.SecurityHub != "PASSED" || !v.Agree {
			t.Errorf("verify after re-evaluation, %s: %+v", id, v)
		}
	}
	// Re-evaluated, the VPC created later is FAILED too, and now in scope.
	r = run(t, ep, dir, nil, "audit", "--from-securityhub", "--regions", "eu-west-1", "-o", "json")
	var audit struct {
		SecurityHub securityHubJSON `json:"securityhub"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &audit); err != nil || !slices.Equal(audit.SecurityHub.inScope(), []string{created}) {
		t.Errorf("audit --from-securityhub after re-evaluation: %v, in scope %v, want [%s]\n%s", err, audit.SecurityHub.inScope(), created, r.Stderr)
	}

	// audit -o asff imports into the simulator's Security Hub as into
	// moto, and defaultsg's own findings do not change the scope.
	r = run(t, ep, dir, nil, "audit", "--regions", "eu-west-1", "-o", "asff")
	var findings []shtypes.AwsSecurityFinding
	if err := json.Unmarshal([]byte(r.Stdout), &findings); err != nil || len(findings) != 4 {
		t.Fatalf("audit -o asff: %v, %d findings for 4 groups\n%s", err, len(findings), r.Stderr)
	}
	out, err := securityhub.NewFromConfig(cfg).BatchImportFindings(ctx(t), &securityhub.BatchImportFindingsInput{Findings: findings})
	if err != nil || aws.ToInt32(out.SuccessCount) != 4 {
		t.Fatalf("BatchImportFindings: %v %+v", err, out)
	}
	r = run(t, ep, dir, nil, "audit", "--from-securityhub", "--regions", "eu-west-1", "-o", "json")
	if err := json.Unmarshal([]byte(r.Stdout), &audit); err != nil || !slices.Equal(audit.SecurityHub.inScope(), []string{created}) {
		t.Errorf("after importing defaultsg's findings, in scope %v, want [%s]", audit.SecurityHub.inScope(), created)
	}
}

type hubView struct {
	SecurityHub  string `json:"securityhub"`
	Finding      string `json:"finding_status"`
	CompliantNow bool   `json:"compliant_now"`
	Agree        bool   `json:"agree"`
	GroupID      string `json:"group_id"`
}

func verifySecurityHub(t *testing.T, ep endpoint, dir string) map[string]hubView {
	t.Helper()
	r := run(t, ep, dir, nil, "verify", "plan.json", "--securityhub", "--regions", "eu-west-1", "-o", "json")
	if r.Code != 0 {
		t.Fatalf("verify --securityhub: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	var rep struct {
		SecurityHub []hubView `json:"securityhub"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, r.Stdout)
	}
	out := map[string]hubView{}
	for _, v := range rep.SecurityHub {
		out[v.GroupID] = v
	}
	return out
}

// A denied GetFindings is an error naming account, region and operation,
// never an empty scope; nothing is read or changed further.
func TestFromSecurityHubAccessDenied(t *testing.T) {
	ep := startSim(t, securityHubScenario+`
faults:
  deny:
    - {service: securityhub, action: GetFindings}
`)
	for _, args := range [][]string{{"usage", "--from-securityhub"}, {"close", "--from-securityhub", "--yes"}} {
		r := run(t, ep, "", nil, append(args, "--regions", "eu-west-1")...)
		if r.Code == 0 || r.Code == 3 {
			t.Errorf("%v with GetFindings denied: exit %d\n%s", args, r.Code, r.Stdout)
		}
		mustContain(t, strings.Join(args, " "), r.Stderr, "account 111111111111, region eu-west-1, securityhub:GetFindings", "AccessDenied",
			"no scope was taken", "iam-policy --securityhub")
	}
	rep, _ := auditJSON(t, ep, "--regions", "eu-west-1")
	for _, g := range rep.Groups {
		if g.Compliant && len(g.Rules) == 0 && g.VpcName != "quiet" {
			t.Errorf("close ran with Security Hub unreadable: %s closed", g.GroupID)
		}
	}
}

// An aggregation region: with --org it is read once with the caller's
// credentials (the management account stands in for the delegated
// administrator) and holds every member's findings; without, each
// account's own.
func TestFromSecurityHubAggregationRegion(t *testing.T) {
	ep := startSim(t, `
accounts:
  - id: "111111111111"
    access_key_id: AKIAORGSECHUB0000001
    resources:
      eu-west-1: {config_rules: [vpc-default-security-group-closed], securityhub: SECURITY_CONTROL, securityhub_aggregator: true}
  - id: "222222222222"
    resources:
      eu-west-1: {config_rules: [vpc-default-security-group-closed], securityhub: SECURITY_CONTROL}
      us-east-1: {config_rules: [vpc-default-security-group-closed], securityhub: STANDARD_CONTROL}
regions: [us-east-1, eu-west-1]
organization:
  ous:
    - {name: Prod, id: ou-test-11111111, accounts: ["222222222222"]}
`)
	inScope := func(args ...string) ([]string, []string, string) {
		t.Helper()
		r := run(t, ep, "", nil, append(args, "audit", "--from-securityhub", "--securityhub-region", "eu-west-1", "-o", "json")...)
		var rep struct {
			SecurityHub securityHubJSON `json:"securityhub"`
		}
		if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, r.Stderr)
		}
		where := func(gs []hubGroup) []string {
			var out []string
			for _, g := range gs {
				out = append(out, g.Account+"/"+g.Region)
			}
			slices.Sort(out)
			return out
		}
		return where(rep.SecurityHub.InScope), where(rep.SecurityHub.NotListed), r.Stderr
	}
	in, unlisted, stderr := inScope("--org")
	if want := []string{"111111111111/eu-west-1", "222222222222/eu-west-1", "222222222222/us-east-1"}; !slices.Equal(in, want) ||
		!slices.Equal(unlisted, []string{"111111111111/us-east-1"}) {
		t.Errorf("--org: in scope %v, not listed %v; want %v and 111111111111/us-east-1", in, unlisted, want)
	}
	mustContain(t, "--org stderr", stderr, "read in aggregation region eu-west-1 (caller's credentials)")
	in, unlisted, _ = inScope()
	if !slices.Equal(in, []string{"111111111111/eu-west-1"}) || !slices.Equal(unlisted, []string{"111111111111/us-east-1"}) {
		t.Errorf("one account: in scope %v, not listed %v", in, unlisted)
	}
}

// Each command's --securityhub policy grants every call it makes with
// --from-securityhub (verify: --securityhub), and the read-only ones stay
// read-only.
func TestIAMPolicyCoversSecurityHubCalls(t *testing.T) {
	ep := startSim(t, securityHubScenario)
	dir := t.TempDir()
	for _, c := range []struct {
		command string
		args    []string
	}{
		{"audit", []string{"audit", "--from-securityhub"}},
		{"usage", []string{"usage", "--from-securityhub"}},
		{"plan", []string{"plan", "--from-securityhub", "--out", "plan.json"}},
		{"verify", []string{"verify", "plan.json", "--securityhub"}},
		{"close", []string{"close", "--from-securityhub", "--yes", "--force"}},
	} {
		ep.Sim.ResetCalls()
		if r := run(t, ep, dir, nil, c.args...); r.Code != 0 && r.Code != 3 && r.Code != 5 {
			t.Fatalf("%v: exit %d\n%s", c.args, r.Code, r.Stderr)
		}
		allowed, err := iampolicy.Actions(c.command, services.Finders(), iampolicy.Options{SecurityHub: true})
		if err != nil {
			t.Fatal(err)
		}
		read := false
		for _, call := range ep.Sim.Calls() {
			action := call.Service + ":" + call.Action
			read = read || action == "securityhub:GetFindings"
			if !slices.Contains(allowed, action) {
				t.Errorf("%s called %s, which its --securityhub policy does not grant", c.command, action)
			}
			if c.command != "close" && call.Mutating {
				t.Errorf("%s is read-only but called %s", c.command, action)
			}
		}
		if !read {
			t.Errorf("%v did not read Security Hub", c.args)
		}
	}
}
