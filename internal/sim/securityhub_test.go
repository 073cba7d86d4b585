package sim

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/securityhub"
	shtypes "github.com/aws/aws-sdk-go-v2/service/securityhub/types"
)

const securityHubScenario = `
accounts:
  - id: "111111111111"
    resources:
      eu-west-1:
        vpcs:
          - {name: quiet, cidr: 10.2.0.0/16, default_group: {ingress: [], egress: []}}
        config_rules: [vpc-default-security-group-closed]
        securityhub: STANDARD_CONTROL
        securityhub_aggregator: true
      us-east-1:
        config_rules: [vpc-default-security-group-closed]
        securityhub: SECURITY_CONTROL
      us-west-2: {}
regions: [eu-west-1, us-east-1, us-west-2]
`

func eq(vs ...string) []shtypes.StringFilter {
	out := make([]shtypes.StringFilter, len(vs))
	for i, v := range vs {
		out[i] = shtypes.StringFilter{Comparison: shtypes.StringFilterComparisonEquals, Value: aws.String(v)}
	}
	return out
}

func allFindings(t *testing.T, c *securityhub.Client, f *shtypes.AwsSecurityFindingFilters) []shtypes.AwsSecurityFinding {
	t.Helper()
	var out []shtypes.AwsSecurityFinding
	p := securityhub.NewGetFindingsPaginator(c, &securityhub.GetFindingsInput{Filters: f, MaxResults: aws.Int32(1)})
	for p.HasMorePages() {
		page := must[*securityhub.GetFindingsOutput](t)(p.NextPage(ctxT(t)))
		out = append(out, page.Findings...)
	}
	return out
}

// Findings follow the Config rule: one per group and standard without
// consolidation, FAILED for a group with rules; a VPC created later has no
// finding until the rule runs again; a deleted one's finding is archived.
func TestSecurityHubFindingsFollowConfig(t *testing.T) {
	s := startScenario(t, securityHubScenario)
	cfg := sdkConfig(s, acct, "eu-west-1")
	hub, ec2c, ctx := securityhub.NewFromConfig(cfg), ec2.NewFromConfig(cfg), ctxT(t)
	here := &shtypes.AwsSecurityFindingFilters{Region: eq("eu-west-1")}
	got := allFindings(t, hub, here)
	status := map[string]int{}
	for _, f := range got {
		status[string(f.Compliance.Status)+" "+aws.ToString(f.GeneratorId)]++
		if aws.ToString(f.Compliance.SecurityControlId) != "EC2.2" || f.RecordState != shtypes.RecordStateActive {
			t.Errorf("%s: %+v", aws.ToString(f.Id), f.Compliance)
		}
	}
	fsbp, cis := "aws-foundational-security-best-practices/v/1.0.0/EC2.2", "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/4.3"
	if len(got) != 4 || status["FAILED "+fsbp] != 1 || status["PASSED "+cis] != 1 {
		t.Fatalf("eu-west-1 findings: %v", status)
	}
	vpc := must[*ec2.CreateVpcOutput](t)(ec2c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.9.0.0/16")}))
	if n := len(allFindings(t, hub, here)); n != 4 {
		t.Errorf("a VPC created after the evaluation has findings: %d", n)
	}
	must[*configservice.StartConfigRulesEvaluationOutput](t)(configservice.NewFromConfig(cfg).StartConfigRulesEvaluation(ctx,
		&configservice.StartConfigRulesEvaluationInput{ConfigRuleNames: []string{ClosedRuleIdentifier}}))
	failed := &shtypes.AwsSecurityFindingFilters{Region: eq("eu-west-1"), ComplianceStatus: eq("FAILED"), GeneratorId: eq(fsbp)}
	if n := len(allFindings(t, hub, failed)); n != 2 {
		t.Errorf("after re-evaluation: %d FAILED FSBP findings, want 2 (the new VPC's)", n)
	}
	must[*ec2.DeleteVpcOutput](t)(ec2c.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: vpc.Vpc.VpcId}))
	must[*configservice.StartConfigRulesEvaluationOutput](t)(configservice.NewFromConfig(cfg).StartConfigRulesEvaluation(ctx,
		&configservice.StartConfigRulesEvaluationInput{ConfigRuleNames: []string{ClosedRuleIdentifier}}))
	archived := &shtypes.AwsSecurityFindingFilters{Region: eq("eu-west-1"), RecordState: eq("ARCHIVED")}
	if n := len(allFindings(t, hub, archived)); n != 2 {
		t.Errorf("a deleted VPC's findings: %d archived, want 2", n)
	}
	active := &shtypes.AwsSecurityFindingFilters{Region: eq("eu-west-1"), RecordState: []shtypes.StringFilter{
		{Comparison: shtypes.StringFilterComparisonNotEquals, Value: aws.String("ARCHIVED")}}}
	if n := len(allFindings(t, hub, active)); n != 4 {
		t.Errorf("active after the delete: %d, want 4", n)
	}

	// The aggregation region answers us-east-1's consolidated finding too.
	consolidated := &shtypes.AwsSecurityFindingFilters{ComplianceSecurityControlId: eq("EC2.2"),
		GeneratorId: []shtypes.StringFilter{{Comparison: shtypes.StringFilterComparisonPrefix, Value: aws.String("security-control/")}}}
	agg := allFindings(t, hub, consolidated)
	if len(agg) != 1 || aws.ToString(agg[0].Region) != "us-east-1" {
		t.Errorf("aggregated consolidated findings: %d", len(agg))
	}
	// Not enabled: InvalidAccessException.
	_, err := securityhub.NewFromConfig(sdkConfig(s, acct, "us-west-2")).GetFindings(ctx, &securityhub.GetFindingsInput{})
	wantCode(t, err, "InvalidAccessException")
	// A comparison the simulator does not serve is refused, not ignored.
	_, err = hub.GetFindings(ctx, &securityhub.GetFindingsInput{Filters: &shtypes.AwsSecurityFindingFilters{
		Title: []shtypes.StringFilter{{Comparison: shtypes.StringFilterComparisonContains, Value: aws.String("VPC")}}}})
	wantCode(t, err, "InvalidInputException")
}

// BatchImportFindings stores the caller's findings, replaces one imported
// again (same product and Id), and refuses a finding per finding.
func TestSecurityHubBatchImport(t *testing.T) {
	s := startScenario(t, securityHubScenario)
	hub, ctx := securityhub.NewFromConfig(sdkConfig(s, acct, "us-east-1")), ctxT(t)
	finding := func(id, title, product string) shtypes.AwsSecurityFinding {
		return shtypes.AwsSecurityFinding{SchemaVersion: aws.String("2018-10-08"), Id: aws.String(id), ProductArn: aws.String(product),
			GeneratorId: aws.String("mine"), AwsAccountId: aws.String(acct), CreatedAt: aws.String("2026-01-01T00:00:00Z"),
			UpdatedAt: aws.String("2026-01-01T00:00:00Z"), Title: aws.String(title), Description: aws.String("d"),
			Resources: []shtypes.Resource{{Type: aws.String("AwsEc2SecurityGroup"), Id: aws.String("arn:aws:ec2:us-east-1:" + acct + ":security-group/sg-1")}}}
	}
	own := "arn:aws:securityhub:us-east-1:" + acct + ":product/" + acct + "/default"
	out := must[*securityhub.BatchImportFindingsOutput](t)(hub.BatchImportFindings(ctx, &securityhub.BatchImportFindingsInput{Findings: []shtypes.AwsSecurityFinding{
		finding("a", "one", own), finding("b", "one", own), finding("c", "one", "arn:aws:securityhub:us-east-1::product/aws/securityhub")}}))
	if aws.ToInt32(out.SuccessCount) != 2 || aws.ToInt32(out.FailedCount) != 1 || aws.ToString(out.FailedFindings[0].Id) != "c" {
		t.Fatalf("import: %+v", out)
	}
	must[*securityhub.BatchImportFindingsOutput](t)(hub.BatchImportFindings(ctx, &securityhub.BatchImportFindingsInput{Findings: []shtypes.AwsSecurityFinding{finding("a", "two", own)}}))
	mine := allFindings(t, hub, &shtypes.AwsSecurityFindingFilters{GeneratorId: eq("mine")})
	if len(mine) != 2 || aws.ToString(mine[0].Title) != "two" || aws.ToString(mine[0].Region) != "us-east-1" {
		t.Errorf("after re-import: %d findings, first %q", len(mine), aws.ToString(mine[0].Title))
	}
}
