// Package securityhub reads what AWS Security Hub reports for control EC2.2
// (the default security group of a VPC allows no traffic) and writes
// defaultsg's own audit as AWS Security Finding Format (ASFF) findings.
//
// Security Hub has two finding conventions and both are read: consolidated
// control findings carry Compliance.SecurityControlId "EC2.2"; findings
// made per standard (consolidation off) are named by their GeneratorId
// (ControlGenerators). A group Security Hub has not evaluated has no
// finding: "not listed" is never read as compliant.
package securityhub

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sh "github.com/aws/aws-sdk-go-v2/service/securityhub"
	"github.com/aws/aws-sdk-go-v2/service/securityhub/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
)

// ControlID is the Security Hub control of default security groups.
const ControlID = "EC2.2"

// ControlGenerators are the GeneratorIds of EC2.2's per-standard findings:
// AWS Foundational Security Best Practices, CIS AWS Foundations Benchmark
// v1.2.0 rule 4.3 and PCI DSS v3.2.1 PCI.EC2.2 (the same Config rule).
var ControlGenerators = []string{
	"aws-foundational-security-best-practices/v/1.0.0/EC2.2",
	"arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/4.3",
	"pci-dss/v/3.2.1/PCI.EC2.2",
}

// ResourceType is the ASFF type of a security group.
const ResourceType = "AwsEc2SecurityGroup"

// API is what reading findings needs; *securityhub.Client satisfies it.
type API interface {
	sh.GetFindingsAPIClient
}

// Finding is Security Hub's word on one default group.
type Finding struct {
	Account string `json:"account"`
	Region  string `json:"region"`
	GroupID string `json:"group_id"`
	// Status is Compliance.Status: FAILED, PASSED, WARNING or NOT_AVAILABLE.
	Status    string    `json:"status"`
	UpdatedAt time.Time `json:"updated_at"`
	// IDs are the findings behind it (one per standard without consolidation).
	IDs []string `json:"finding_ids"`
}

// ErrNotEnabled is returned where the account has not enabled Security Hub
// in the region (InvalidAccessException: "not subscribed").
var ErrNotEnabled = errors.New("security hub is not enabled")

// Query selects the findings Read returns.
type Query struct {
	// Account and Region, when set, keep only findings of that account or
	// region: an aggregation region and an administrator account also hold
	// other regions' and members' findings.
	Account, Region string
	// FailedOnly keeps only FAILED findings that are not suppressed.
	FailedOnly bool
}

// Read returns Security Hub's EC2.2 findings on security groups, one per
// group (account, region, group id). where names the call in errors.
// Where a group has several findings (one per standard), FAILED wins, then
// the most recently updated.
func Read(ctx context.Context, api API, where awsx.Unit, q Query) ([]Finding, error) {
	byGroup := map[string]*Finding{}
	seen := map[string]bool{}
	for _, f := range filters(q) {
		p := sh.NewGetFindingsPaginator(api, &sh.GetFindingsInput{Filters: f, MaxResults: aws.Int32(100)})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if awsx.ErrorCode(err) == "InvalidAccessException" {
				return nil, &awsx.OpError{Account: where.Account, Region: where.Region, Operation: "securityhub:GetFindings", Err: errors.Join(ErrNotEnabled, err)}
			}
			if err != nil {
				return nil, awsx.Wrap(where.Account, where.Region, "securityhub:GetFindings", err)
			}
			for _, af := range page.Findings {
				id := aws.ToString(af.Id)
				if seen[id] {
					continue
				}
				seen[id] = true
				if q.matches(af) {
					add(byGroup, af)
				}
			}
		}
	}
	out := make([]Finding, 0, len(byGroup))
	for _, f := range byGroup {
		sort.Strings(f.IDs)
		out = append(out, *f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key() < out[j].key() })
	return out, nil
}

func (f Finding) key() string { return f.Account + "/" + f.Region + "/" + f.GroupID }

// filters are the GetFindings filters: one query per convention, as
// filters on different fields are ANDed (values of one field are ORed).
func filters(q Query) []*types.AwsSecurityFindingFilters {
	eq := func(vs ...string) []types.StringFilter {
		out := make([]types.StringFilter, len(vs))
		for i, v := range vs {
			out[i] = types.StringFilter{Comparison: types.StringFilterComparisonEquals, Value: aws.String(v)}
		}
		return out
	}
	base := func() *types.AwsSecurityFindingFilters {
		f := &types.AwsSecurityFindingFilters{ResourceType: eq(ResourceType), RecordState: eq("ACTIVE")}
		if q.Account != "" {
			f.AwsAccountId = eq(q.Account)
		}
		if q.Region != "" {
			f.Region = eq(q.Region)
		}
		if q.FailedOnly {
			f.ComplianceStatus = eq("FAILED")
			f.WorkflowStatus = []types.StringFilter{{Comparison: types.StringFilterComparisonNotEquals, Value: aws.String("SUPPRESSED")}}
		}
		return f
	}
	consolidated, perStandard := base(), base()
	consolidated.ComplianceSecurityControlId = eq(ControlID)
	perStandard.GeneratorId = eq(ControlGenerators...)
	return []*types.AwsSecurityFindingFilters{consolidated, perStandard}
}

// matches applies the query's filters again to a finding the server
// returned: a server that filters partly (moto ignores GetFindings'
// filters) must not make another control's finding, an archived or
// suppressed one, or one of defaultsg's own imported findings read as
// Security Hub's EC2.2 verdict.
func (q Query) matches(af types.AwsSecurityFinding) bool {
	control := af.Compliance != nil && aws.ToString(af.Compliance.SecurityControlId) == ControlID ||
		slices.Contains(ControlGenerators, aws.ToString(af.GeneratorId))
	switch {
	case !control,
		af.RecordState != "" && af.RecordState != types.RecordStateActive,
		q.Account != "" && aws.ToString(af.AwsAccountId) != q.Account,
		q.Region != "" && aws.ToString(af.Region) != q.Region:
		return false
	case q.FailedOnly:
		return af.Compliance != nil && af.Compliance.Status == types.ComplianceStatusFailed &&
			(af.Workflow == nil || af.Workflow.Status != types.WorkflowStatusSuppressed)
	}
	return true
}

// add records one finding under each security group it names.
func add(byGroup map[string]*Finding, af types.AwsSecurityFinding) {
	status := ""
	if af.Compliance != nil {
		status = string(af.Compliance.Status)
	}
	updated, _ := time.Parse(time.RFC3339Nano, aws.ToString(af.UpdatedAt))
	for _, r := range af.Resources {
		if aws.ToString(r.Type) != ResourceType {
			continue
		}
		account, region, group, ok := ParseGroupARN(aws.ToString(r.Id))
		if !ok {
			continue
		}
		if account == "" {
			account = aws.ToString(af.AwsAccountId)
		}
		if region == "" {
			region = aws.ToString(af.Region)
		}
		k := account + "/" + region + "/" + group
		f := byGroup[k]
		if f == nil {
			f = &Finding{Account: account, Region: region, GroupID: group, Status: status, UpdatedAt: updated}
			byGroup[k] = f
		} else if failedNow, failedBefore := status == "FAILED", f.Status == "FAILED"; failedNow && !failedBefore ||
			failedNow == failedBefore && updated.After(f.UpdatedAt) {
			f.Status, f.UpdatedAt = status, updated
		}
		f.IDs = append(f.IDs, aws.ToString(af.Id))
	}
}

// ParseGroupARN splits arn:PARTITION:ec2:REGION:ACCOUNT:security-group/sg-….
func ParseGroupARN(arn string) (account, region, group string, ok bool) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "ec2" {
		return "", "", "", false
	}
	group, found := strings.CutPrefix(parts[5], "security-group/")
	if !found || !strings.HasPrefix(group, "sg-") {
		return "", "", "", false
	}
	return parts[4], parts[3], group, true
}

// GroupARN is the ARN of a security group, as ASFF names it.
func GroupARN(partition, region, account, group string) string {
	return "arn:" + partition + ":ec2:" + region + ":" + account + ":security-group/" + group
}

// Partition is the AWS partition of a region.
func Partition(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}
