package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/defaultsg/defaultsg/internal/testutil"
)

const planScenario = `
accounts:
  - id: "111111111111"
    access_key_id: AKIAPLAN0000000001
    resources:
      eu-west-1:
        security_groups:
          - name: db
            description: database
            ingress:
              - {protocol: tcp, ports: "5432", group: default, description: app to db}
        network_interfaces:
          - description: Primary network interface
            attachment: {instance_id: i-0aaaaaaaaaaaaaaa1, instance_owner_id: "111111111111"}
          - description: Primary network interface
            attachment: {instance_id: i-0bbbbbbbbbbbbbbb2, instance_owner_id: "111111111111"}
            tags: {"aws:cloudformation:stack-name": web-stack}
        vpcs:
          - name: quiet
            cidr: 10.30.0.0/16
regions: [us-east-1, eu-west-1]
`

func TestPlanReplacementsMovesReferencesAndManualSteps(t *testing.T) {
	ep := startSim(t, planScenario)
	dir := t.TempDir()
	ep.Sim.ResetCalls()
	r := run(t, ep, dir, nil, "plan", "--regions", "eu-west-1", "--out", "plan.json")
	if r.Code != 0 {
		t.Fatalf("plan: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	for _, c := range ep.Sim.Calls() {
		if c.Mutating {
			t.Fatalf("plan made a mutating call: %+v", c)
		}
	}
	mustContain(t, "plan text", r.Stdout, `+ create security group "`, "all traffic from self (rewritten",
		"~ add to sg-", "tcp/5432 from ", "~ move EC2 instance i-0aaaaaaaaaaaaaaa1",
		`! manual: EC2 instance i-0bbbbbbbbbbbbbbb2`, `stack "web-stack"`,
		"Plan: 1 groups to create, 1 rules to add to referencing groups, 1 users to move, 1 manual steps.")
	data, err := os.ReadFile(filepath.Join(dir, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		Schema       string `json:"schema"`
		Fingerprint  string `json:"fingerprint"`
		Replacements []struct {
			VpcID string            `json:"vpc_id"`
			Tags  map[string]string `json:"tags"`
		} `json:"replacements"`
	}
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	if p.Schema != "defaultsg.plan/v2" || !strings.HasPrefix(p.Fingerprint, "sha256:") || len(p.Replacements) != 1 ||
		!strings.HasPrefix(p.Replacements[0].Tags["defaultsg:replaces"], "sg-") {
		t.Fatalf("plan file %s", data)
	}
}

// TestPlanCloudFormationPassesCfnLint renders the replacement groups as a
// template and has cfn-lint (installed with the image's Python) check it.
func TestPlanCloudFormationPassesCfnLint(t *testing.T) {
	lint := testutil.RequireTool(t, "cfn-lint")
	ep := startSim(t, planScenario)
	dir := t.TempDir()
	r := run(t, ep, dir, nil, "plan", "-o", "cloudformation")
	if r.Code != 0 {
		t.Fatalf("plan: exit %d\n%s", r.Code, r.Stderr)
	}
	mustContain(t, "template", r.Stdout, "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress", "!GetAtt",
		"defaultsg guard --lockdown") // CloudFormation cannot strip a default group: the guard does
	path := filepath.Join(dir, "replacements.yaml")
	if err := os.WriteFile(path, []byte(r.Stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(lint, "--regions", "eu-west-1", "--", path).CombinedOutput()
	if err != nil {
		t.Fatalf("cfn-lint rejects the template: %v\n%s\n%s", err, out, r.Stdout)
	}
	tf := run(t, ep, dir, nil, "plan", "-o", "terraform")
	mustContain(t, "terraform", tf.Stdout, `resource "aws_security_group"`, "referenced_security_group_id = aws_security_group.",
		`resource "aws_default_security_group"`) // the lockdown: no rule blocks
	t.Run("terraform validate", func(t *testing.T) { testutil.TerraformValidate(t, []byte(tf.Stdout)) })
}

// With a scan result, the manual step of a stack-managed user names the
// template line that puts it in the default group.
func TestPlanManualStepNamesTheTemplateLineFromAScan(t *testing.T) {
	ep := startSim(t, planScenario)
	dir := t.TempDir()
	tmpl := "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n" +
		"  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-12345678\n      SecurityGroupIds:\n        - !GetAtt Vpc.DefaultSecurityGroup\n"
	if err := os.MkdirAll(filepath.Join(dir, "stacks"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "stacks", "web-stack.yaml"), []byte(tmpl), 0o644); err != nil {
		t.Fatal(err)
	}
	scan := run(t, ep, dir, nil, "scan", "stacks", "-o", "json")
	if scan.Code != 3 {
		t.Fatalf("scan: exit %d\n%s", scan.Code, scan.Stderr)
	}
	if err := os.WriteFile(filepath.Join(dir, "scan.json"), []byte(scan.Stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, ep, dir, nil, "plan", "--regions", "eu-west-1", "--iac-scan", "scan.json")
	if r.Code != 0 {
		t.Fatalf("plan: exit %d\n%s", r.Code, r.Stderr)
	}
	mustContain(t, "plan", r.Stdout, `stack "web-stack"`, "template: stacks/web-stack.yaml:12 Web SecurityGroupIds[0] (DSG002)")
	if r := run(t, ep, dir, nil, "plan", "--regions", "eu-west-1", "--iac-scan", "plan_test.go"); r.Code != 2 {
		t.Fatalf("plan with a file that is no scan result: exit %d, want 2", r.Code)
	}
}
