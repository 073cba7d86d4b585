package securityhub

import (
	"context"
	"errors"
	"maps"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sh "github.com/aws/aws-sdk-go-v2/service/securityhub"
	"github.com/aws/aws-sdk-go-v2/service/securityhub/types"
	"github.com/aws/smithy-go"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/sgrule"
)

// fakeHub answers GetFindings from pages per query (by which convention's
// filter it carries), and fails the test on a query it does not expect.
type fakeHub struct {
	t            *testing.T
	consolidated [][]types.AwsSecurityFinding
	perStandard  [][]types.AwsSecurityFinding
	err          error
	inputs       []*sh.GetFindingsInput
}

func (f *fakeHub) GetFindings(_ context.Context, in *sh.GetFindingsInput, _ ...func(*sh.Options)) (*sh.GetFindingsOutput, error) {
	f.inputs = append(f.inputs, in)
	if f.err != nil {
		return nil, f.err
	}
	pages := f.perStandard
	switch {
	case len(in.Filters.ComplianceSecurityControlId) == 1 && len(in.Filters.GeneratorId) == 0:
		pages = f.consolidated
	case len(in.Filters.GeneratorId) == len(ControlGenerators) && len(in.Filters.ComplianceSecurityControlId) == 0:
	default:
		f.t.Fatalf("unexpected filters %+v", in.Filters)
	}
	i := 0
	if in.NextToken != nil {
		i, _ = strconv.Atoi(*in.NextToken)
	}
	if i >= len(pages) {
		return &sh.GetFindingsOutput{}, nil
	}
	out := &sh.GetFindingsOutput{Findings: pages[i]}
	if i+1 < len(pages) {
		out.NextToken = aws.String(strconv.Itoa(i + 1))
	}
	return out, nil
}

func finding(id, group, status, updated string) types.AwsSecurityFinding {
	return types.AwsSecurityFinding{Id: aws.String(id), AwsAccountId: aws.String("111111111111"), Region: aws.String("eu-west-1"),
		UpdatedAt: aws.String(updated), GeneratorId: aws.String("security-control/EC2.2"), RecordState: types.RecordStateActive,
		Compliance: &types.Compliance{Status: types.ComplianceStatus(status), SecurityControlId: aws.String(ControlID)},
		Resources: []types.Resource{{Type: aws.String("AwsEc2SecurityGroup"),
			Id: aws.String("arn:aws:ec2:eu-west-1:111111111111:security-group/" + group)}}}
}

// perStandard is a finding of one standard without SecurityControlId, as
// accounts without consolidated control findings had them.
func perStandard(id, group, status, updated, generator string) types.AwsSecurityFinding {
	f := finding(id, group, status, updated)
	f.GeneratorId, f.Compliance.SecurityControlId = aws.String(generator), nil
	return f
}

func TestReadBothConventions(t *testing.T) {
	fsbp, cis := ControlGenerators[0], ControlGenerators[1]
	other := finding("other-control", "sg-4", "FAILED", "2026-01-01T00:00:00Z")
	other.Compliance.SecurityControlId, other.GeneratorId = aws.String("EC2.19"), aws.String("security-control/EC2.19")
	archived := finding("archived", "sg-4", "FAILED", "2026-01-01T00:00:00Z")
	archived.RecordState = types.RecordStateArchived
	suppressed := finding("suppressed", "sg-5", "FAILED", "2026-01-01T00:00:00Z")
	suppressed.Workflow = &types.Workflow{Status: types.WorkflowStatusSuppressed}
	elsewhere := finding("elsewhere", "sg-6", "FAILED", "2026-01-01T00:00:00Z")
	elsewhere.Region = aws.String("us-east-1")
	hub := &fakeHub{t: t,
		consolidated: [][]types.AwsSecurityFinding{
			{finding("c1", "sg-1", "FAILED", "2026-01-01T00:00:00Z"), other, archived},
			{finding("c2", "sg-2", "PASSED", "2026-01-02T00:00:00Z"), suppressed, elsewhere},
		},
		perStandard: [][]types.AwsSecurityFinding{{
			finding("c1", "sg-1", "FAILED", "2026-01-01T00:00:00Z"), // also matched by the first query
			perStandard("fsbp-2", "sg-2", "FAILED", "2026-01-01T00:00:00Z", fsbp),
			perStandard("cis-3", "sg-3", "PASSED", "2026-01-03T00:00:00Z", cis),
		}},
	}
	where := awsx.Unit{Account: "111111111111", Region: "eu-west-1"}
	read := func(q Query) map[string]Finding {
		got, err := Read(context.Background(), hub, where, q)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]Finding{}
		for _, f := range got {
			if f.Account != "111111111111" || f.Region != "eu-west-1" {
				t.Errorf("%+v: wrong place", f)
			}
			out[f.GroupID] = f
		}
		return out
	}
	status := func(m map[string]Finding) map[string]string {
		out := map[string]string{}
		for g, f := range m {
			out[g] = f.Status
		}
		return out
	}
	failed := read(Query{Account: "111111111111", Region: "eu-west-1", FailedOnly: true})
	if got, want := status(failed), map[string]string{"sg-1": "FAILED", "sg-2": "FAILED"}; !maps.Equal(got, want) {
		t.Errorf("failed only: got %v, want %v", got, want)
	}
	if ids := failed["sg-1"].IDs; len(ids) != 1 {
		t.Errorf("sg-1: a finding read by both queries counted twice: %v", ids)
	}
	in := hub.inputs[0].Filters
	eq := func(fs []types.StringFilter, v string, c types.StringFilterComparison) bool {
		return len(fs) == 1 && aws.ToString(fs[0].Value) == v && fs[0].Comparison == c
	}
	if !eq(in.ComplianceStatus, "FAILED", "EQUALS") || !eq(in.RecordState, "ACTIVE", "EQUALS") || !eq(in.WorkflowStatus, "SUPPRESSED", "NOT_EQUALS") ||
		!eq(in.ResourceType, ResourceType, "EQUALS") || !eq(in.AwsAccountId, "111111111111", "EQUALS") || !eq(in.Region, "eu-west-1", "EQUALS") {
		t.Errorf("filters: %+v", in)
	}
	if aws.ToInt32(hub.inputs[0].MaxResults) != 100 {
		t.Errorf("MaxResults %v", hub.inputs[0].MaxResults)
	}
	// Every status: FAILED wins over PASSED for one group (sg-2); the
	// suppressed finding counts; another region's does not.
	all := read(Query{Account: "111111111111", Region: "eu-west-1"})
	if got, want := status(all), map[string]string{"sg-1": "FAILED", "sg-2": "FAILED", "sg-3": "PASSED", "sg-5": "FAILED"}; !maps.Equal(got, want) {
		t.Errorf("every status: got %v, want %v", got, want)
	}
}

func TestReadErrors(t *testing.T) {
	where := awsx.Unit{Account: "111111111111", Region: "eu-west-1"}
	_, err := Read(context.Background(), &fakeHub{t: t, err: &smithy.GenericAPIError{Code: "InvalidAccessException", Message: "not subscribed"}}, where, Query{})
	if !errors.Is(err, ErrNotEnabled) {
		t.Errorf("InvalidAccessException: got %v, want ErrNotEnabled", err)
	}
	_, err = Read(context.Background(), &fakeHub{t: t, err: &smithy.GenericAPIError{Code: "AccessDeniedException", Message: "no"}}, where, Query{})
	var op *awsx.OpError
	if !errors.As(err, &op) || op.Account != where.Account || op.Region != where.Region || op.Operation != "securityhub:GetFindings" ||
		awsx.Classify(err) != awsx.ClassAccessDenied || errors.Is(err, ErrNotEnabled) {
		t.Errorf("AccessDenied: got %v", err)
	}
}

func TestParseGroupARN(t *testing.T) {
	for arn, want := range map[string]string{
		"arn:aws:ec2:eu-west-1:111111111111:security-group/sg-0abc":  "111111111111 eu-west-1 sg-0abc true",
		"arn:aws-cn:ec2:cn-north-1:111111111111:security-group/sg-1": "111111111111 cn-north-1 sg-1 true",
		"arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-1":               "   false",
		"arn:aws:s3:::bucket": "   false",
		"arn:aws:ec2:eu-west-1:111111111111:security-group/not-a-group": "   false",
	} {
		a, r, g, ok := ParseGroupARN(arn)
		if got := a + " " + r + " " + g + " " + strconv.FormatBool(ok); got != want {
			t.Errorf("%s: got %q, want %q", arn, got, want)
		}
	}
}

func TestCompare(t *testing.T) {
	g := func(id string, rules int) inventory.Group {
		gr := inventory.Group{Account: "a", Region: "r", GroupID: id, Rules: []sgrule.Rule{}}
		for range rules {
			gr.Rules = append(gr.Rules, sgrule.Rule{Protocol: "-1"})
		}
		return gr
	}
	f := func(region, id, status string) Finding {
		return Finding{Account: "a", Region: region, GroupID: id, Status: status, UpdatedAt: time.Now()}
	}
	groups := []inventory.Group{g("sg-failed", 2), g("sg-closed", 0), g("sg-unlisted", 1), g("sg-fine", 0)}
	findings := []Finding{f("r", "sg-failed", "FAILED"), f("r", "sg-closed", "FAILED"), f("r", "sg-gone", "FAILED"),
		f("r", "sg-fine", "PASSED"), f("other", "sg-elsewhere", "FAILED")}
	c := Compare("test", groups, findings, nil, false, func(_, region string) bool { return region == "r" })
	names := func(gs []Group) []string {
		var out []string
		for _, g := range gs {
			out = append(out, g.GroupID)
		}
		return out
	}
	check := func(what string, got []Group, want ...string) {
		if n := names(got); len(n) != len(want) || len(n) > 0 && !equal(n, want) {
			t.Errorf("%s: got %v, want %v", what, n, want)
		}
	}
	check("in scope", c.InScope, "sg-closed", "sg-failed")
	check("listed but compliant", c.ListedButCompliant, "sg-closed")
	check("not listed", c.NotListed, "sg-unlisted")
	check("listed, not found", c.ListedNotFound, "sg-gone")
	if by := c.ByRegion(); len(by["a/r"]) != 2 || len(by) != 1 {
		t.Errorf("ByRegion %v", by)
	}
	if empty := Compare("test", nil, nil, nil, false, func(string, string) bool { return true }); empty.ByRegion() == nil {
		t.Error("an empty scope must be an empty map, not nil (nil reads every group)")
	}
	filtered := Compare("test", groups, findings, nil, true, func(string, string) bool { return true })
	check("listed, not found with --vpc-ids", filtered.ListedNotFound)
}

func equal(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}
