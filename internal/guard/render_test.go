package guard

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/defaultsg/defaultsg/internal/testutil"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

func deployOpts() Deploy {
	return Deploy{Mode: Enforce, Arch: "arm64", FunctionName: "defaultsg-guard", LogRetentionDays: 365,
		TopicARN: "arn:aws:sns:us-east-1:111111111111:security-alerts", BackupBucket: "backups", BackupPrefix: "guard/"}
}

func TestCloudFormationPassesCfnLint(t *testing.T) {
	lint := testutil.RequireTool(t, "cfn-lint")
	dir := t.TempDir()
	var files []string
	for name, d := range map[string]Deploy{
		"enforce":  deployOpts(),
		"lockdown": func() Deploy { d := deployOpts(); d.Lockdown = true; return d }(),
		"report":   {Mode: Report, Arch: "x86_64", FunctionName: "guard", LogRetentionDays: 30},
		"org":      orgOpts(),
	} {
		var b bytes.Buffer
		write := WriteCloudFormation
		if len(d.OUs) > 0 {
			write = WriteStackSet
		}
		if err := write(&b, d); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name+".yaml")
		if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	// One run over every template: cfn-lint starts slowly.
	if out, err := exec.Command(lint, files...).CombinedOutput(); err != nil {
		t.Errorf("cfn-lint: %v\n%s", err, out)
	}
}

func orgOpts() Deploy {
	d := deployOpts()
	d.OUs, d.Regions = []string{"r-ab12", "ou-ab12-34cd56ef"}, []string{"us-east-1", "eu-west-1"}
	return d
}

// The StackSet deploys exactly the one-account template.
func TestStackSetBodyIsTheOneAccountTemplate(t *testing.T) {
	var wrapper, member bytes.Buffer
	if err := WriteStackSet(&wrapper, orgOpts()); err != nil {
		t.Fatal(err)
	}
	if err := WriteCloudFormation(&member, orgOpts()); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Resources struct {
			GuardStackSet struct {
				Properties struct {
					TemplateBody        string `yaml:"TemplateBody"`
					PermissionModel     string `yaml:"PermissionModel"`
					StackInstancesGroup []struct {
						DeploymentTargets struct {
							OUs []string `yaml:"OrganizationalUnitIds"`
						} `yaml:"DeploymentTargets"`
						Regions []string `yaml:"Regions"`
					} `yaml:"StackInstancesGroup"`
				} `yaml:"Properties"`
			} `yaml:"GuardStackSet"`
		} `yaml:"Resources"`
	}
	if err := yaml.Unmarshal(wrapper.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	p := doc.Resources.GuardStackSet.Properties
	if p.TemplateBody != member.String() {
		t.Errorf("body differs from the one-account template:\n%s", p.TemplateBody)
	}
	if p.PermissionModel != "SERVICE_MANAGED" || len(p.StackInstancesGroup) != 1 ||
		strings.Join(p.StackInstancesGroup[0].Regions, ",") != "us-east-1,eu-west-1" ||
		strings.Join(p.StackInstancesGroup[0].DeploymentTargets.OUs, ",") != "r-ab12,ou-ab12-34cd56ef" {
		t.Errorf("%+v", p)
	}
	if err := WriteStackSet(&wrapper, deployOpts()); err != ErrNoOUs {
		t.Errorf("no OUs: %v", err)
	}
}

// terraformSchema reads testdata/terraform-aws-schema.txt: kind/type ->
// allowed arguments ("block.arg" for nested ones, "block" for the block).
func terraformSchema(t *testing.T) map[string]map[string]bool {
	t.Helper()
	b, err := os.ReadFile("testdata/terraform-aws-schema.txt")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(line, "#") {
			continue
		}
		args := map[string]bool{}
		for _, a := range f[2:] {
			if blk, inner, ok := strings.Cut(a, "{"); ok {
				args[blk] = true
				for _, x := range strings.Fields(strings.TrimSuffix(inner, "}")) {
					args[blk+"."+x] = true
				}
				continue
			}
			args[a] = true
		}
		out[f[0]+" "+f[1]] = args
	}
	return out
}

var metaArgs = map[string]bool{"provider": true, "depends_on": true, "for_each": true, "count": true, "lifecycle": true}

// checkTerraform parses src with HCL and checks every resource and data
// block against the provider's documented arguments. There is no provider
// here for terraform validate (no registry, no mirror): docs/GUARD.md.
func checkTerraform(schema map[string]map[string]bool, src []byte) (problems []string) {
	f, diags := hclsyntax.ParseConfig(src, "guard.tf", hcl.InitialPos)
	if diags.HasErrors() {
		return []string{"HCL: " + diags.Error()}
	}
	n := 0
	for _, blk := range f.Body.(*hclsyntax.Body).Blocks {
		if blk.Type != "resource" && blk.Type != "data" {
			continue
		}
		n++
		key := blk.Type + " " + blk.Labels[0]
		allowed, ok := schema[key]
		if !ok {
			problems = append(problems, key+": type not in the checked-in provider list")
			continue
		}
		for name := range blk.Body.Attributes {
			if !allowed[name] && !metaArgs[name] {
				problems = append(problems, key+"."+name+": no such argument")
			}
		}
		for _, inner := range blk.Body.Blocks {
			if !allowed[inner.Type] {
				problems = append(problems, key+": no such block "+inner.Type)
			}
			for name := range inner.Body.Attributes {
				if !allowed[inner.Type+"."+name] {
					problems = append(problems, key+": no such argument "+inner.Type+"."+name)
				}
			}
		}
	}
	if n == 0 {
		problems = append(problems, "no resource or data block")
	}
	return problems
}

func TestTerraformIsFormattedAndUsesOnlyDocumentedArguments(t *testing.T) {
	for name, d := range map[string]Deploy{
		"enforce":  deployOpts(),
		"lockdown": func() Deploy { d := deployOpts(); d.Lockdown = true; return d }(),
		"report":   {Mode: Report, Arch: "x86_64", FunctionName: "guard", LogRetentionDays: 30},
	} {
		var b bytes.Buffer
		if err := WriteTerraform(&b, d); err != nil {
			t.Fatal(err)
		}
		if p := checkTerraform(terraformSchema(t), b.Bytes()); len(p) > 0 {
			t.Errorf("%s: %s\n%s", name, strings.Join(p, "\n"), b.String())
		}
		if d.Lockdown != strings.Contains(b.String(), `resource "aws_default_security_group" "lockdown"`) {
			t.Errorf("%s: lockdown %v but output says otherwise", name, d.Lockdown)
		}
		if !strings.Contains(b.String(), "AuthorizeSecurityGroupIngress") {
			t.Errorf("%s: the event pattern is missing", name)
		}
		if tf, err := exec.LookPath("terraform"); err == nil || os.Getenv("CI") == "true" {
			p := filepath.Join(t.TempDir(), "guard.tf")
			if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			if tf == "" {
				tf = testutil.RequireTool(t, "terraform")
			}
			if out, err := exec.Command(tf, "fmt", "-check", "-diff", p).CombinedOutput(); err != nil {
				t.Errorf("%s: terraform fmt -check: %v\n%s", name, err, out)
			}
		}
	}
}

// The checker itself catches a misspelt argument and an unknown type.
func TestTerraformCheckerCatchesMistakes(t *testing.T) {
	for _, src := range []string{
		"resource \"aws_lambda_function\" \"x\" {\n  function_nam = \"a\"\n}\n",
		"resource \"aws_lambda_functions\" \"x\" {}\n",
		"resource \"aws_lambda_function\" \"x\" {\n  environment {\n    vars = {}\n  }\n}\n",
	} {
		if len(checkTerraform(terraformSchema(t), []byte(src))) == 0 {
			t.Errorf("not caught:\n%s", src)
		}
	}
}

// The AWS provider's own schema accepts the module: terraform init from a
// filesystem mirror, then terraform validate (skipped where neither exists).
func TestTerraformValidatesAgainstTheAWSProvider(t *testing.T) {
	for name, d := range map[string]Deploy{
		"enforce":  deployOpts(),
		"lockdown": func() Deploy { d := deployOpts(); d.Lockdown = true; return d }(),
		"report":   {Mode: Report, Arch: "x86_64", FunctionName: "guard", LogRetentionDays: 30},
	} {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteTerraform(&b, d); err != nil {
				t.Fatal(err)
			}
			testutil.TerraformValidate(t, b.Bytes())
		})
	}
}
