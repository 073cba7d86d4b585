package scan_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/defaultsg/defaultsg/internal/iac/model"
	"github.com/defaultsg/defaultsg/internal/iac/scan"
)

// TestExamples pins the findings on the realistic tree by rule and place,
// so that a regenerated golden cannot silently lose one.
func TestExamples(t *testing.T) {
	t.Chdir("../../..")
	res, err := scan.Run(context.Background(), scan.Options{Paths: []string{"examples/iac"}, Limits: model.DefaultLimits()})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s %s:%d", f.RuleID, strings.TrimPrefix(f.Pos.File, "examples/iac/"), f.Pos.Line))
	}
	want := []string{
		"DSG005 cdk.out/ShopBatchStack.template.json:4",
		"DSG002 cdk.out/ShopBatchStack.template.json:23",
		"DSG006 cdk.out/ShopNetworkStack.template.json:14",
		"DSG002 cloudformation/app.yaml:34",      // parameter <- nested stack output
		"DSG007 cloudformation/app.yaml:44",      // RDS without groups
		"DSG002 cloudformation/consumer.json:19", // ImportValue of the export
		"DSG003 cloudformation/consumer.json:33",
		"DSG001 cloudformation/network.yaml:25", // loopback egress
		"DSG011 cloudformation/network.yaml:36", // GroupName: default cannot deploy
		"DSG004 cloudformation/network.yaml:54",
		"DSG002 cloudformation/search.yaml:29",
		"DSG007 cloudformation/search.yaml:33",
		"DSG002 terraform-legacy/bastion.tf.json:7",
		"DSG005 terraform-legacy/main.tf:11",
		"DSG001 terraform-legacy/main.tf:21",
		"DSG008 terraform-legacy/main.tf:29",
		"DSG007 terraform-legacy/main.tf:33",
		"DSG009 terraform/data.tf:2", // the lookup itself
		"DSG001 terraform/data.tf:8",
		"DSG006 terraform/main.tf:4",
		"DSG003 terraform/main.tf:28",
		"DSG002 terraform/main.tf:36", // local <- module output
		"DSG002 terraform/main.tf:58", // aws_security_group named "default": an imported default group
		"DSG006 terraform/modules/vpc/main.tf:16",
		"DSG002 terraform/modules/worker/main.tf:18", // variable <- module input
		"DSG010 terraform/modules/worker/main.tf:26", // IAM ARN built from it (info)
		"DSG004 terraform/outputs.tf:7",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(res.Suppressed) != 1 || len(res.Errors) != 0 || res.Skipped != 1 {
		t.Errorf("suppressed %d errors %v skipped %d", len(res.Suppressed), res.Errors, res.Skipped)
	}
}

func write(t *testing.T, dir, name, body string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

const vpcWithRule = `Resources:
  Vpc:
    Type: AWS::EC2::VPC
  In:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt Vpc.DefaultSecurityGroup
`

func TestScanFiles(t *testing.T) {
	lim := model.DefaultLimits()
	lim.MaxBytes = 1 << 10
	for _, tc := range []struct {
		name     string
		files    map[string]string
		excludes []string
		rules    []string // findings, in order
		errs     int
		skipped  int
		supp     int
	}{
		{name: "finding", files: map[string]string{"a.yaml": vpcWithRule}, rules: []string{"DSG001"}},
		{name: "excluded by name", files: map[string]string{"legacy/a.yaml": vpcWithRule}, excludes: []string{"legacy"}},
		{name: "excluded by doublestar", files: map[string]string{"x/y/a.yaml": vpcWithRule}, excludes: []string{"**/y/*.yaml"}},
		{name: "not a template", files: map[string]string{"k8s.yaml": "apiVersion: v1\nkind: Pod\n"}, skipped: 1},
		{name: "node_modules skipped", files: map[string]string{"node_modules/a.yaml": vpcWithRule}},
		{name: "suppressed with reason", supp: 1, files: map[string]string{"a.yaml": strings.Replace(vpcWithRule, "  In:", "  # defaultsg:ignore DSG001 break-glass rule, ticket OPS-1\n  In:", 1)}},
		{name: "trailing suppression", supp: 1, files: map[string]string{"a.yaml": strings.Replace(vpcWithRule, "DefaultSecurityGroup\n", "DefaultSecurityGroup # defaultsg:ignore DSG001 ok for now\n", 1)}},
		{name: "suppression without reason", rules: []string{"DSG001", "DSG000"}, files: map[string]string{"a.yaml": strings.Replace(vpcWithRule, "DefaultSecurityGroup\n", "DefaultSecurityGroup # defaultsg:ignore DSG001\n", 1)}},
		{name: "suppression of unknown rule", rules: []string{"DSG000", "DSG001"}, files: map[string]string{"a.yaml": strings.Replace(vpcWithRule, "  In:", "  # defaultsg:ignore DSG999 typo\n  In:", 1)}},
		{name: "invalid yaml", files: map[string]string{"bad.yaml": "Resources: [\n"}, errs: 1},
		{name: "invalid utf-8", files: map[string]string{"bad.yaml": "Resources:\n  A: \xff\xfe\n"}, errs: 1},
		{name: "too large", files: map[string]string{"big.yaml": vpcWithRule + "# " + strings.Repeat("x", 2000) + "\n"}, errs: 1},
		{name: "invalid hcl", files: map[string]string{"main.tf": "resource \"aws_vpc\" {\n"}, errs: 1},
		{name: "errors do not hide findings", files: map[string]string{"a.yaml": vpcWithRule, "main.tf": "}"}, rules: []string{"DSG001"}, errs: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range tc.files {
				write(t, dir, name, body)
			}
			res, err := scan.Run(context.Background(), scan.Options{Paths: []string{dir}, Excludes: tc.excludes, Limits: lim})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range res.Findings {
				got = append(got, f.RuleID)
			}
			if strings.Join(got, ",") != strings.Join(tc.rules, ",") || len(res.Errors) != tc.errs || res.Skipped != tc.skipped || len(res.Suppressed) != tc.supp {
				t.Errorf("findings %v errors %v skipped %d suppressed %d; want %v, %d errors, %d skipped, %d suppressed",
					got, res.Errors, res.Skipped, len(res.Suppressed), tc.rules, tc.errs, tc.skipped, tc.supp)
			}
			for _, e := range res.Errors {
				if e.File == "" || e.Err == nil {
					t.Errorf("file error without file or cause: %+v", e)
				}
			}
		})
	}
}

func TestScanMissingPath(t *testing.T) {
	_, err := scan.Run(context.Background(), scan.Options{Paths: []string{filepath.Join(t.TempDir(), "nope")}})
	if !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("err = %v, want not-exist", err)
	}
}

func TestScanLimitErrorIsTyped(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.yaml", vpcWithRule)
	res, err := scan.Run(context.Background(), scan.Options{Paths: []string{dir}, Limits: model.Limits{MaxBytes: 10}})
	if err != nil || len(res.Errors) != 1 || !errors.Is(res.Errors[0].Err, model.ErrTooComplex) {
		t.Fatalf("res %+v err %v", res, err)
	}
}
