package scan_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func ruleLines(t *testing.T, dir string, paths ...string) string {
	t.Helper()
	res := run(t, paths...)
	if len(res.Errors) != 0 {
		t.Errorf("errors: %v", res.Errors)
	}
	var got []string
	for _, f := range res.Findings {
		rel, _ := filepath.Rel(dir, f.Pos.File)
		got = append(got, fmt.Sprintf("%s %s:%d:%d", f.RuleID, filepath.ToSlash(rel), f.Pos.Line, f.Pos.Col))
	}
	return strings.Join(got, "\n")
}

// TestScanCDKApp: CDK app source is found in a tree with a cdk.json (even
// a helper file without CDK imports, and when only a subdirectory is
// scanned) and by its imports elsewhere; dependencies and declaration
// files are not read; a non-CDK program using the same names is not a
// CDK app.
func TestScanCDKApp(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "app/cdk.json", `{"app": "npx ts-node bin/app.ts"}`)
	write(t, dir, "app/lib/network.ts", "import { aws_ec2 as ec2 } from 'aws-cdk-lib';\n"+
		"export function network(scope: any) {\n"+
		"  const vpc = new ec2.Vpc(scope, 'Vpc', { restrictDefaultSecurityGroup: false });\n"+
		"  return vpc;\n}\n")
	write(t, dir, "app/lib/helpers.ts", "// no CDK import: a helper of the app\n"+
		"export const groupsOf = (vpc: any) => ({ securityGroupIds: [vpc.vpcDefaultSecurityGroup] });\n")
	write(t, dir, "app/node_modules/aws-cdk-lib/index.ts", "import 'aws-cdk-lib';\nx.securityGroupIds = [vpc.vpcDefaultSecurityGroup];\n")
	write(t, dir, "app/lib/types.d.ts", "declare const a: typeof vpc.vpcDefaultSecurityGroup;\n")
	write(t, dir, "py/app.py", "import aws_cdk as cdk\nfrom aws_cdk import aws_ec2 as ec2\n\n"+
		"def build(stack, vpc):\n    cdk.CfnOutput(stack, 'Sg', value=vpc.vpc_default_security_group)\n")
	write(t, dir, "pulumi/index.ts", "import * as aws from '@pulumi/aws';\nconst g = [vpc.vpcDefaultSecurityGroup];\n")

	want := "DSG005 app/lib/network.ts:3:43\nDSG002 app/lib/helpers.ts:2:61\nDSG004 py/app.py:5:38"
	got := ruleLines(t, dir, dir)
	if norm(got) != norm(want) {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
	// Scanning only lib/, or naming the file: the cdk.json above still
	// makes helpers.ts an app file.
	for _, p := range []string{filepath.Join(dir, "app", "lib"), filepath.Join(dir, "app", "lib", "helpers.ts")} {
		if got := ruleLines(t, dir, p); !strings.Contains(got, "helpers.ts:2:61") {
			t.Errorf("scan of %s alone: %s", p, got)
		}
	}
}

func norm(s string) string {
	lines := strings.Split(s, "\n")
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// TestScanModulePeer: a default group passed into a local module that
// uses the input as a rule source is a peer reference (DSG003, in the
// module, with the caller in the chain); a registry VPC module's output
// from the documented table is the default group.
func TestScanModulePeer(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", `module "network" {
  source = "cloudposse/vpc/aws"
}

module "db_access" {
  source          = "./modules/db-access"
  allowed_sg_id   = module.network.vpc_default_security_group_id
}
`)
	write(t, dir, "modules/db-access/main.tf", `variable "allowed_sg_id" {
  type = string
}

resource "aws_security_group" "db" {
  name = "db"
}

resource "aws_vpc_security_group_ingress_rule" "from_app" {
  security_group_id            = aws_security_group.db.id
  referenced_security_group_id = var.allowed_sg_id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}
`)
	want := "DSG003 modules/db-access/main.tf:11:3"
	if got := ruleLines(t, dir, dir); got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
}

// TestCDKAppExample pins the CDK app the README scans.
func TestCDKAppExample(t *testing.T) {
	dir := filepath.Join("testdata", "cdk-app")
	want := "DSG005 lib/network-stack.ts:14:7\nDSG004 lib/network-stack.ts:18:14\nDSG001 lib/orders-stack.ts:18:5\nDSG002 lib/orders-stack.ts:23:24"
	if got := ruleLines(t, dir, dir); got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
}

// TestScanModuleOutsideRoots: scanning one environment whose VPC comes
// from a local module outside the scanned directory still follows the
// module's outputs.tf; nothing is reported inside the module itself.
func TestScanModuleOutsideRoots(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "modules/vpc/main.tf", `resource "aws_vpc" "this" {
  cidr_block = var.cidr
}

resource "aws_security_group_rule" "open" {
  type              = "ingress"
  security_group_id = aws_vpc.this.default_security_group_id
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

variable "cidr" {
  type = string
}
`)
	write(t, dir, "modules/vpc/outputs.tf", `output "base_sg" {
  value = aws_vpc.this.default_security_group_id
}
`)
	write(t, dir, "envs/prod/main.tf", `module "network" {
  source = "../../modules/vpc"
  cidr   = "10.0.0.0/16"
}

resource "aws_instance" "app" {
  ami                    = "ami-12345678"
  vpc_security_group_ids = [module.network.base_sg]
}

module "missing" {
  source = "../../modules/gone"
}
`)
	env := filepath.Join(dir, "envs", "prod")
	if got, want := ruleLines(t, env, env), "DSG002 main.tf:8:3"; got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
	if n := noteFor(run(t, env), "gone"); !strings.Contains(n, "could not be read") {
		t.Errorf("note for the missing module = %q", n)
	}
}

// TestScanCDKFeatureFlagOff: cdk.json turning the restrict feature flag
// off is a lockdown switched off (DSG005) at the flag; on, it is nothing.
func TestScanCDKFeatureFlagOff(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "off/cdk.json", "{\n  \"app\": \"npx ts-node bin/app.ts\",\n  \"context\": {\n    \"@aws-cdk/aws-ec2:restrictDefaultSecurityGroup\": false\n  }\n}\n")
	write(t, dir, "on/cdk.json", "{\"app\": \"python3 app.py\", \"context\": {\"@aws-cdk/aws-ec2:restrictDefaultSecurityGroup\": true}}\n")
	if got, want := ruleLines(t, dir, dir), "DSG005 off/cdk.json:4:5"; got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
}

// TestScanCDKSuppression: defaultsg:ignore works in CDK source comments
// (// and #) like in templates.
func TestScanCDKSuppression(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "cdk.json", "{}")
	write(t, dir, "stack.ts", "const ids = [vpc.vpcDefaultSecurityGroup]; // defaultsg:ignore DSG002 moved in OPS-7\n")
	write(t, dir, "stack.py", "# defaultsg:ignore DSG004 read by the legacy stack until Q3\nCfnOutput(self, 'Sg', value=vpc.vpc_default_security_group)\n")
	res := run(t, dir)
	if len(res.Findings) != 0 || len(res.Suppressed) != 2 {
		t.Errorf("findings %v suppressed %v", res.Findings, res.Suppressed)
	}
}

// TestScanCDKAcrossFiles: a stack keeps the default group in a property;
// the app passes it to another stack, which puts it in a function's
// groups. Both the hand-over and the placement are found, in other files
// than the one that took the group.
func TestScanCDKAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "cdk.json", "{}")
	write(t, dir, "lib/network.ts", `import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
export class Network extends cdk.Stack {
  public readonly vpc: ec2.Vpc;
  public readonly defaultSg: ec2.ISecurityGroup;
  public readonly securityGroup: ec2.ISecurityGroup;
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc');
    this.defaultSg = ec2.SecurityGroup.fromSecurityGroupId(this, 'D', this.vpc.vpcDefaultSecurityGroup);
    this.securityGroup = ec2.SecurityGroup.fromSecurityGroupId(this, 'E', this.vpc.vpcDefaultSecurityGroup);
  }
}
`)
	write(t, dir, "bin/app.ts", `import * as cdk from 'aws-cdk-lib';
import { Network } from '../lib/network';
import { Jobs } from '../lib/jobs';
const app = new cdk.App();
const network = new Network(app, 'Net');
new Jobs(app, 'Jobs', { vpc: network.vpc, sg: network.defaultSg });
`)
	write(t, dir, "lib/jobs.ts", `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
export class Jobs extends cdk.Stack {
  constructor(scope: cdk.App, id: string, props: any) {
    super(scope, id);
    new lambda.Function(this, 'Nightly', {
      runtime: lambda.Runtime.NODEJS_20_X, handler: 'i.h', code: lambda.Code.fromInline('x'),
      vpc: props.vpc,
      securityGroups: [props.network.defaultSg],
    });
    new lambda.Function(this, 'Other', {
      runtime: lambda.Runtime.NODEJS_20_X, handler: 'i.h', code: lambda.Code.fromInline('x'),
      securityGroups: [props.api.securityGroup],
    });
  }
}
`)
	want := "DSG002 bin/app.ts:6:47\nDSG002 lib/jobs.ts:9:24\nDSG002 lib/network.ts:10:71\nDSG002 lib/network.ts:11:75"
	if got := ruleLines(t, dir, dir); norm(got) != norm(want) {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
}
