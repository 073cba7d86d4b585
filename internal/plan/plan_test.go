package plan

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services"
	"github.com/defaultsg/defaultsg/internal/services/codebuild"
	"github.com/defaultsg/defaultsg/internal/services/ec2"
	"github.com/defaultsg/defaultsg/internal/services/lambda"
	"github.com/defaultsg/defaultsg/internal/services/rds"
	"github.com/defaultsg/defaultsg/internal/sgrule"
	"github.com/defaultsg/defaultsg/internal/usage"
)

func fixture() Input {
	def := inventory.Group{Account: "1", Region: "eu-west-1", VpcID: "vpc-1", VpcName: "prod", GroupID: "sg-def", Rules: []sgrule.Rule{
		{RuleID: "sgr-1", Protocol: "-1", FromPort: -1, ToPort: -1, Group: &sgrule.GroupRef{GroupID: "sg-def", UserID: "1"}},
		{RuleID: "sgr-2", Egress: true, Protocol: "-1", FromPort: -1, ToPort: -1, CidrIPv6: "::/0", Description: "v6"},
		{RuleID: "sgr-3", Egress: true, Protocol: "tcp", FromPort: 443, ToPort: 443, PrefixList: "pl-1"},
	}}
	unused := inventory.Group{Account: "1", Region: "eu-west-1", VpcID: "vpc-2", GroupID: "sg-unused"}
	u := func(kind usage.Kind, rk resource.Kind, id, managed string, ch usage.Change) usage.Usage {
		x := usage.Usage{Account: "1", Region: "eu-west-1", GroupID: "sg-def", Kind: kind, Finder: string(rk) + "-finder",
			ResourceKind: rk, ResourceID: id, ManagedBy: managed, Change: ch}
		if kind == usage.KindLive {
			x.Finder, x.Interface = "ec2-network-interfaces", "eni-"+id
		}
		services.Describe(&x)
		return x
	}
	return Input{
		Groups: []inventory.Group{def, unused},
		Usage: usage.Result{Usages: []usage.Usage{
			u(usage.KindLive, ec2.Instance, "i-1", "", usage.ChangeInPlace),
			u(usage.KindLive, lambda.Function, "api", "", usage.ChangeInPlace),
			u(usage.KindLatent, lambda.Function, "api", "", usage.ChangeInPlace),
			u(usage.KindLatent, codebuild.Project, "deploy", "cloudformation:ci", usage.ChangeInPlace),
			u(usage.KindReference, ec2.SecurityGroupRule, "sg-db", "", usage.ChangeInPlace),
		}},
		Referencing: map[string][]sgrule.Rule{"sg-db": {
			{RuleID: "sgr-9", Protocol: "tcp", FromPort: 5432, ToPort: 5432, Group: &sgrule.GroupRef{GroupID: "sg-def", UserID: "1"}, Description: "app"},
			{RuleID: "sgr-8", Protocol: "tcp", FromPort: 22, ToPort: 22, CidrIPv4: "10.0.0.0/8"},
		}},
	}
}

func TestBuild(t *testing.T) {
	p := Build(fixture())
	if len(p.Replacements) != 1 {
		t.Fatalf("replacements %+v", p.Replacements)
	}
	r := p.Replacements[0]
	if r.Name != "prod-default-replacement" || r.Tags["defaultsg:replaces"] != "sg-def" || len(r.Rules) != 3 {
		t.Fatalf("replacement %+v", r)
	}
	if !r.Rules[0].Self || r.Rules[0].Group != nil || r.Rules[0].RuleID != "" {
		t.Fatalf("self rule not rewritten: %+v", r.Rules[0])
	}
	if r.Rules[1].CidrIPv6 != "::/0" || r.Rules[1].Description != "v6" || r.Rules[2].PrefixList != "pl-1" {
		t.Fatalf("rules not preserved: %+v", r.Rules)
	}
	if len(p.ReferenceRules) != 1 || p.ReferenceRules[0].GroupID != "sg-db" || p.ReferenceRules[0].Rule.FromPort != 5432 || p.ReferenceRules[0].Rule.Description != "app" {
		t.Fatalf("reference rules %+v", p.ReferenceRules)
	}
	// The instance moves by its interface; the Lambda ENI is covered by the
	// function, which moves once through Lambda; the stack-managed project
	// is manual.
	if len(p.Moves) != 2 || p.Moves[0].ResourceID != "api" || p.Moves[0].API != "lambda:UpdateFunctionConfiguration" ||
		p.Moves[1].ResourceID != "i-1" || p.Moves[1].API != "ec2:ModifyNetworkInterfaceAttribute" {
		t.Fatalf("moves %+v", p.Moves)
	}
	if len(p.Manual) != 1 || !strings.Contains(p.Manual[0].Instructions, `stack "ci"`) {
		t.Fatalf("manual %+v", p.Manual)
	}
	var out bytes.Buffer
	if err := WriteText(&out, p); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`+ create security group "prod-default-replacement"`, "all traffic from self (rewritten",
		"~ add to sg-db", "tcp/5432 from prod-default-replacement", "~ move EC2 instance i-1", "! manual: CodeBuild project deploy",
		"Plan: 1 groups to create, 1 rules to add to referencing groups, 2 users to move, 1 manual steps."} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("rendering lacks %q:\n%s", want, out.String())
		}
	}
}

func TestFingerprintChangesWithStateNotRuleIDs(t *testing.T) {
	in := fixture()
	a := Fingerprint(in.Groups, in.Usage.Usages)
	in.Groups[0].Rules[0].RuleID = "sgr-new"
	if b := Fingerprint(in.Groups, in.Usage.Usages); a != b {
		t.Fatal("a new rule id (after a restore) must not make the plan stale")
	}
	in.Groups[0].Rules[1].Description = "changed"
	if c := Fingerprint(in.Groups, in.Usage.Usages); c == a {
		t.Fatal("a changed rule must make the plan stale")
	}
	in = fixture()
	in.Usage.Usages = append(in.Usage.Usages, usage.Usage{Account: "1", Region: "eu-west-1", GroupID: "sg-def", Kind: usage.KindLive, ResourceID: "i-2"})
	if d := Fingerprint(in.Groups, in.Usage.Usages); d == a {
		t.Fatal("a new user must make the plan stale")
	}
}

func TestRenderings(t *testing.T) {
	p := Build(fixture())
	var cfn, tf bytes.Buffer
	if err := WriteCloudFormation(&cfn, p); err != nil {
		t.Fatal(err)
	}
	if err := WriteTerraform(&tf, p); err != nil {
		t.Fatal(err)
	}
	golden(t, "replacements.cfn.yaml", cfn.String())
	golden(t, "replacements.tf", tf.String())
	for _, want := range []string{"Type: AWS::EC2::SecurityGroupIngress", "SourceSecurityGroupId: !GetAtt ProdDefaultReplacement.GroupId",
		`CidrIpv6: "::/0"`, `DestinationPrefixListId: "pl-1"`} {
		if !strings.Contains(cfn.String(), want) {
			t.Errorf("CloudFormation lacks %q:\n%s", want, cfn.String())
		}
	}
	file, diags := hclsyntax.ParseConfig(tf.Bytes(), "replacements.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("terraform output does not parse: %v\n%s", diags, tf.String())
	}
	content, _ := file.Body.Content(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
		{Type: "provider", LabelNames: []string{"name"}}, {Type: "resource", LabelNames: []string{"type", "name"}}}})
	if n := len(content.Blocks); n != 6 {
		t.Fatalf("%d blocks, want provider + group + 3 rules + the lockdown:\n%s", n, tf.String())
	}
	if b := content.Blocks[5]; b.Labels[0] != "aws_default_security_group" {
		t.Fatalf("the last block is %v, want the default group's lockdown", b.Labels)
	}
	if !strings.Contains(tf.String(), "referenced_security_group_id = aws_security_group.prod_default_replacement_eu_west_1.id") {
		t.Fatalf("self rule does not reference the new group:\n%s", tf.String())
	}
}

func TestSaveLoadRefusesEditedPlan(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/plan.json"
	p := Build(fixture())
	if err := Save(path, p); err != nil {
		t.Fatal(err)
	}
	back, err := Load(path)
	if err != nil || back.Fingerprint != p.Fingerprint || len(back.Moves) != len(p.Moves) {
		t.Fatalf("round trip: %v", err)
	}
	data, _ := os.ReadFile(path)
	for name, content := range map[string]string{
		"edited":    strings.Replace(string(data), "prod-default-replacement", "evil", 1),
		"truncated": string(data[:len(data)/2]),
	} {
		q := dir + "/" + name
		_ = os.WriteFile(q, []byte(content), 0o600)
		if _, err := Load(q); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// After an apply, a new plan keeps the replacement that apply made, copies
// no reference rule twice, and says so.
func TestBuildKeepsAnExistingReplacement(t *testing.T) {
	in := fixture()
	in.Existing = map[string]string{"1/eu-west-1/sg-def": "sg-repl"}
	in.Referencing["sg-db"] = append(in.Referencing["sg-db"],
		sgrule.Rule{RuleID: "sgr-7", Protocol: "tcp", FromPort: 5432, ToPort: 5432, Group: &sgrule.GroupRef{GroupID: "sg-repl", UserID: "1"}})
	p := Build(in)
	if len(p.Replacements) != 1 || p.Replacements[0].ExistingID != "sg-repl" {
		t.Fatalf("replacements %+v", p.Replacements)
	}
	if len(p.ReferenceRules) != 0 {
		t.Fatalf("the reference was copied by the earlier apply: %+v", p.ReferenceRules)
	}
	var out bytes.Buffer
	if err := WriteText(&out, p); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"= keep security group sg-repl", "~ move EC2 instance i-1 (eu-west-1): sg-def → sg-repl",
		"Plan: 0 groups to create", "1 replacement groups from an earlier apply are kept."} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("rendering lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "+ create") {
		t.Errorf("plans to create the replacement again:\n%s", out.String())
	}
}

// An Aurora member has its cluster's groups and AWS refuses to change them
// on the instance: the plan moves the cluster once, and lists the member
// only when its cluster is not moved (a manual step naming the cluster).
func TestBuildMovesAClusterNotItsMembers(t *testing.T) {
	in := fixture()
	member := usage.Usage{Account: "1", Region: "eu-west-1", GroupID: "sg-def", Kind: usage.KindLive, Finder: "rds-instances",
		ResourceKind: rds.ClusterMember, ResourceID: "aurora-1", Parent: "aurora", Change: usage.ChangeInPlace}
	cluster := usage.Usage{Account: "1", Region: "eu-west-1", GroupID: "sg-def", Kind: usage.KindLive, Finder: "rds-clusters",
		ResourceKind: rds.Cluster, ResourceID: "aurora", Change: usage.ChangeInPlace}
	services.Describe(&member)
	services.Describe(&cluster)
	in.Usage.Usages = []usage.Usage{member, cluster}
	p := Build(in)
	if len(p.Moves) != 1 || p.Moves[0].Kind != rds.Cluster || len(p.Manual) != 0 {
		t.Fatalf("moves %+v manual %+v", p.Moves, p.Manual)
	}
	in.Usage.Usages = []usage.Usage{member}
	p = Build(in)
	if len(p.Moves) != 0 || len(p.Manual) != 1 || !strings.Contains(p.Manual[0].Instructions, "move the cluster (rds:ModifyDBCluster)") {
		t.Fatalf("a member without its cluster: moves %+v manual %+v", p.Moves, p.Manual)
	}
}

// A CloudFormation template deploys to one account and region: a plan over
// several is one template each, never several YAML documents in one stream.
func TestCloudFormationIsOneTemplatePerAccountRegion(t *testing.T) {
	in := fixture()
	other := in.Groups[0]
	other.Region, other.GroupID = "us-east-1", "sg-def-us"
	in.Groups = append(in.Groups, other)
	u := in.Usage.Usages[0]
	u.Region, u.GroupID = "us-east-1", "sg-def-us"
	in.Usage.Usages = append(in.Usage.Usages, u)
	p := Build(in)
	var b bytes.Buffer
	var multi *MultiTemplateError
	if err := WriteCloudFormation(&b, p); !errors.As(err, &multi) || multi.N != 2 {
		t.Fatalf("two account-regions in one stream: %v\n%s", err, b.String())
	}
	files, err := CloudFormationFiles(p)
	if err != nil || len(files) != 2 || files["1-eu-west-1.template.yaml"] == nil || files["1-us-east-1.template.yaml"] == nil {
		t.Fatalf("files %v: %v", keysOf(files), err)
	}
	for name, f := range files {
		if strings.Count(string(f), "AWSTemplateFormatVersion") != 1 || strings.Contains(string(f), "\n---") {
			t.Errorf("%s is not one template:\n%s", name, f)
		}
	}
}

func keysOf(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
