package scan_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/defaultsg/defaultsg/internal/iac/model"
	"github.com/defaultsg/defaultsg/internal/iac/scan"
)

func run(t *testing.T, paths ...string) *scan.Result {
	t.Helper()
	res, err := scan.Run(context.Background(), scan.Options{Paths: paths, Limits: model.DefaultLimits()})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func findingFiles(res *scan.Result) []string {
	var out []string
	for _, f := range res.Findings {
		out = append(out, filepath.Base(f.Pos.File)+":"+f.RuleID)
	}
	return out
}

func noteFor(res *scan.Result, base string) string {
	for _, n := range res.Notes {
		if filepath.Base(n.File) == base {
			return n.Err.Error()
		}
	}
	return ""
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symlinks not available: %v", err)
	}
}

// TestScanSymlinks: links inside the scanned tree are followed (a tree of
// nothing but links used to scan 0 files), a link out of the tree, a
// dangling link and a loop are skipped with a note, never silently.
func TestScanSymlinks(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "root")
	outside := filepath.Join(dir, "outside")
	write(t, root, "real/stack.yaml", vpcWithRule)
	write(t, outside, "secret.yaml", vpcWithRule)
	if err := os.MkdirAll(filepath.Join(root, "links"), 0o755); err != nil {
		t.Fatal(err)
	}
	symlink(t, "../real/stack.yaml", filepath.Join(root, "links", "prod.yaml"))
	symlink(t, filepath.Join(outside, "secret.yaml"), filepath.Join(root, "links", "escape.yaml"))
	symlink(t, "nowhere.yaml", filepath.Join(root, "links", "dangling.yaml"))
	symlink(t, "..", filepath.Join(root, "links", "loop"))

	res := run(t, filepath.Join(root, "links"), filepath.Join(root, "real"))
	if got := strings.Join(findingFiles(res), ","); got != "prod.yaml:DSG001,stack.yaml:DSG001" {
		t.Errorf("findings %s, want the linked file and its target", got)
	}
	for base, want := range map[string]string{
		"escape.yaml":   "outside the scanned paths",
		"dangling.yaml": "cannot be resolved",
	} {
		if n := noteFor(res, base); !strings.Contains(n, want) {
			t.Errorf("note for %s = %q, want %q", base, n, want)
		}
	}
	if len(res.Errors) != 0 {
		t.Errorf("errors %v: skipped links are notes, not parse errors", res.Errors)
	}

	// A link to a directory inside the root is walked once; the loop
	// back to the root is noted.
	res = run(t, root)
	if n := noteFor(res, "loop"); !strings.Contains(n, "already scanned") && !strings.Contains(n, "outside") {
		t.Errorf("loop note = %q", n)
	}
	if got := len(res.Findings); got != 2 {
		t.Errorf("%d findings, want 2 (stack.yaml and prod.yaml)", got)
	}
}

// TestScanContentDetection: templates under other names are recognised by
// their content; binary and unrelated files are skipped without a word; a
// file that looks like a template and does not parse is an error.
func TestScanContentDetection(t *testing.T) {
	dir := t.TempDir()
	hcl := "resource \"aws_security_group_rule\" \"r\" {\n  security_group_id = aws_vpc.main.default_security_group_id\n}\nresource \"aws_vpc\" \"main\" {}\nresource \"aws_default_security_group\" \"d\" {\n  vpc_id = aws_vpc.main.id\n}\n"
	jsonTpl := `{"Resources": {"Vpc": {"Type": "AWS::EC2::VPC"}, "In": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {"GroupId": {"Fn::GetAtt": ["Vpc", "DefaultSecurityGroup"]}}}}}`
	for name, body := range map[string]string{
		"expected.golden":   "AWSTemplateFormatVersion: '2010-09-09'\n" + vpcWithRule,
		"network.cfn":       jsonTpl,
		"notes.txt":         "# exported by the console\n" + vpcWithRule,
		"Stackfile":         vpcWithRule,
		"main.hcl":          hcl,
		"logo.png":          "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + vpcWithRule,
		"README.md":         "# Network\n\nDeploy with:\n\n```yaml\n" + vpcWithRule + "```\n",
		"LICENSE":           "Apache License\nVersion 2.0\n",
		"broken.template.x": "AWSTemplateFormatVersion: '2010-09-09'\nResources: [\n  Type: AWS::EC2::VPC\n",
	} {
		write(t, dir, name, body)
	}
	res := run(t, dir)
	got := strings.Join(findingFiles(res), ",")
	want := "Stackfile:DSG001,expected.golden:DSG001,main.hcl:DSG001,network.cfn:DSG001,notes.txt:DSG001"
	if got != want {
		t.Errorf("findings %s\nwant %s", got, want)
	}
	if len(res.Errors) != 1 || filepath.Base(res.Errors[0].File) != "broken.template.x" {
		t.Errorf("errors %v, want only broken.template.x", res.Errors)
	}
	if res.Skipped != 0 || len(res.Notes) != 0 {
		t.Errorf("skipped %d notes %v: binary and unrelated files are skipped silently", res.Skipped, res.Notes)
	}
}
