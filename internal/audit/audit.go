// Package audit checks every default security group in scope against EC2.2
// (no inbound and no outbound rule) and builds the versioned audit report.
// It only reads.
package audit

import (
	"context"
	"sort"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/securityhub"
)

// SchemaVersion identifies the JSON report format (docs/REPORTS.md).
const SchemaVersion = "defaultsg.audit/v1"

// Report is the result of an audit.
type Report struct {
	Schema      string         `json:"schema"`
	ToolVersion string         `json:"tool_version"`
	GeneratedAt time.Time      `json:"generated_at"`
	Summary     Summary        `json:"summary"`
	Groups      []GroupReport  `json:"groups"`
	Problems    []awsx.Problem `json:"problems"`
	// SecurityHub is Security Hub's view next to the groups read (with
	// --from-securityhub only).
	SecurityHub *securityhub.Comparison `json:"securityhub,omitempty"`
}

// GroupReport is one default group and its verdict.
type GroupReport struct {
	inventory.Group
	Compliant bool `json:"compliant"`
}

// Summary counts the report.
type Summary struct {
	Accounts int `json:"accounts"`
	// AccountRegions counts account × region cells; Read those read fully.
	AccountRegions     int  `json:"account_regions"`
	AccountRegionsRead int  `json:"account_regions_read"`
	Groups             int  `json:"groups"`
	Compliant          int  `json:"compliant"`
	NonCompliant       int  `json:"non_compliant"`
	Complete           bool `json:"complete"`
}

// Options tune a run.
type Options struct {
	Filter      inventory.Filter
	Concurrency int
	// NewEC2 builds the EC2 client for one account-region config.
	NewEC2 func(aws.Config) inventory.EC2API
	// OnUnitDone is called once per account-region (progress display).
	OnUnitDone func(failed bool)
}

// Run audits every account × region of scope.
func Run(ctx context.Context, scope awsx.Scope, opts Options) (Report, error) {
	results, err := inventory.ReadAll(ctx, scope, opts.Concurrency, opts.Filter, opts.NewEC2, opts.OnUnitDone)
	if err != nil {
		return Report{}, err
	}
	rep := Report{Schema: SchemaVersion, Groups: []GroupReport{}, Problems: append([]awsx.Problem{}, scope.Problems...)}
	for _, r := range results {
		if r.Problem != nil {
			rep.Problems = append(rep.Problems, *r.Problem)
			continue
		}
		rep.Summary.AccountRegionsRead++
		for _, g := range r.Groups {
			rep.Groups = append(rep.Groups, GroupReport{Group: g, Compliant: g.Compliant()})
		}
	}
	sort.SliceStable(rep.Groups, func(i, j int) bool {
		a, b := rep.Groups[i], rep.Groups[j]
		if a.Account != b.Account {
			return a.Account < b.Account
		}
		if a.Region != b.Region {
			return a.Region < b.Region
		}
		return a.VpcID < b.VpcID
	})
	awsx.SortProblems(rep.Problems)
	rep.Summary.Accounts = len(scope.Accounts)
	rep.Summary.AccountRegions = len(results)
	rep.Summary.Groups = len(rep.Groups)
	for _, g := range rep.Groups {
		if g.Compliant {
			rep.Summary.Compliant++
		} else {
			rep.Summary.NonCompliant++
		}
	}
	rep.Summary.Complete = len(rep.Problems) == 0
	return rep, nil
}
