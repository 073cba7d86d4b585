package closer

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/backup"
	"github.com/defaultsg/defaultsg/internal/crashpoint"
)

// RevokeAPI is what revoking needs; *ec2.Client satisfies it.
type RevokeAPI interface {
	RevokeSecurityGroupIngress(ctx context.Context, in *ec2.RevokeSecurityGroupIngressInput, opts ...func(*ec2.Options)) (*ec2.RevokeSecurityGroupIngressOutput, error)
	RevokeSecurityGroupEgress(ctx context.Context, in *ec2.RevokeSecurityGroupEgressInput, opts ...func(*ec2.Options)) (*ec2.RevokeSecurityGroupEgressOutput, error)
	ec2.DescribeSecurityGroupRulesAPIClient
}

// Outcome is what happened to one group.
type Outcome string

const (
	OutcomeClosed        Outcome = "closed"
	OutcomeAlreadyClosed Outcome = "already-closed"
	OutcomeRefused       Outcome = "refused"
	OutcomeFailed        Outcome = "failed"
	OutcomeWouldSucceed  Outcome = "would-succeed" // dry run: permission check passed
	OutcomeWouldFail     Outcome = "would-fail"    // dry run: permission check failed
	OutcomeInterrupted   Outcome = "interrupted"   // a signal stopped the run; counts are from a re-read
)

// GroupResult is one row of the result table.
type GroupResult struct {
	Account string  `json:"account"`
	Region  string  `json:"region"`
	VpcID   string  `json:"vpc_id"`
	GroupID string  `json:"group_id"`
	Forced  bool    `json:"forced,omitempty"`
	Outcome Outcome `json:"outcome"`
	Revoked int     `json:"rules_revoked"`
	// Per direction, from a re-read of the group after the calls.
	RevokedIngress int      `json:"rules_revoked_ingress"`
	RevokedEgress  int      `json:"rules_revoked_egress"`
	Message        string   `json:"message,omitempty"`
	Rules          []string `json:"-"`
}

// Result is the outcome of Execute.
type Result struct {
	BackupPath string        `json:"backup,omitempty"`
	Groups     []GroupResult `json:"groups"`
}

// ExecOptions tune Execute.
type ExecOptions struct {
	DryRun bool
	Backup backup.Destination // file or S3 object to create; never overwritten
	// S3 writes and reads back an s3:// Backup.
	S3          backup.S3Store
	ToolVersion string
	Now         time.Time
	Concurrency int
	NewEC2      func(aws.Config) RevokeAPI
}

// Execute writes the backup, then revokes. Nothing is revoked unless the
// backup was written and verified.
func Execute(ctx context.Context, scope awsx.Scope, plan Plan, o ExecOptions) (Result, error) {
	res := Result{}
	toRevoke := plan.ToRevoke()
	if len(toRevoke) > 0 && !o.DryRun {
		crashpoint.Hit("close:before-backup")
		doc := &backup.Document{ToolVersion: o.ToolVersion, CreatedAt: o.Now.UTC(), AcceptedUnknown: acceptedNames(plan)}
		for _, it := range toRevoke {
			g := it.Group
			doc.Groups = append(doc.Groups, backup.Group{Account: g.Account, Region: g.Region, VpcID: g.VpcID,
				GroupID: g.GroupID, GroupName: g.GroupName, Rules: g.Rules})
		}
		var path string
		var err error
		if o.Backup.S3 != nil {
			path, err = backup.WriteS3(ctx, o.S3, *o.Backup.S3, o.Backup.Name, doc)
		} else {
			path, err = backup.Write(o.Backup, doc)
		}
		if err != nil {
			return res, err
		}
		res.BackupPath = path
		crashpoint.Hit("close:after-backup")
	}
	revoked, err := awsx.Run(ctx, o.Concurrency, unitsOf(toRevoke), func(ctx context.Context, i int, u awsx.Unit) (GroupResult, error) {
		it := toRevoke[i]
		cfg, _ := scope.Config(u.Account, u.Region)
		gr := resultOf(it)
		n, err := revokeGroup(ctx, o.NewEC2(cfg), it.Group, o.DryRun)
		gr.Revoked, gr.RevokedIngress, gr.RevokedEgress = n.in+n.eg, n.in, n.eg
		switch {
		case err != nil && ctx.Err() != nil:
			gr.Outcome, gr.Message = OutcomeInterrupted, "interrupted: re-run close to finish, or restore the backup"
			return gr, ctx.Err()
		case o.DryRun && err == nil:
			gr.Outcome = OutcomeWouldSucceed
		case o.DryRun:
			gr.Outcome, gr.Message = OutcomeWouldFail, err.Error()
		case err != nil:
			gr.Outcome, gr.Message = OutcomeFailed, err.Error()
		default:
			gr.Outcome = OutcomeClosed
		}
		crashpoint.Hit("close:after-group")
		return gr, nil
	})
	if err != nil && ctx.Err() == nil {
		return res, err
	}
	// Interrupted: what is known is reported with the error, so the caller
	// can print it — groups done, the ones in flight, the ones not started.
	for i, r := range revoked {
		if r.Outcome == "" {
			revoked[i] = resultOf(toRevoke[i])
			revoked[i].Outcome, revoked[i].Message = OutcomeInterrupted, "not started"
		}
	}
	byID := map[string]GroupResult{}
	for _, r := range revoked {
		byID[r.Account+"/"+r.Region+"/"+r.GroupID] = r
	}
	for _, it := range plan.Items {
		if r, ok := byID[it.Group.Account+"/"+it.Group.Region+"/"+it.Group.GroupID]; ok {
			res.Groups = append(res.Groups, r)
			continue
		}
		gr := resultOf(it)
		switch it.Decision {
		case DecisionAlreadyClosed:
			gr.Outcome = OutcomeAlreadyClosed
		default:
			gr.Outcome, gr.Message = OutcomeRefused, it.Verdict.Reason()
		}
		res.Groups = append(res.Groups, gr)
	}
	return res, err
}

func resultOf(it Item) GroupResult {
	g := it.Group
	gr := GroupResult{Account: g.Account, Region: g.Region, VpcID: g.VpcID, GroupID: g.GroupID, Forced: it.Decision == DecisionForce}
	for _, r := range g.Rules {
		gr.Rules = append(gr.Rules, r.Summary(g.GroupID))
	}
	if gr.Forced {
		gr.Message = "forced: " + it.Verdict.Reason()
	}
	return gr
}

func unitsOf(items []Item) []awsx.Unit {
	out := make([]awsx.Unit, len(items))
	for i, it := range items {
		out[i] = awsx.Unit{Account: it.Group.Account, Region: it.Group.Region, Task: it.Group.GroupID}
	}
	return out
}

func acceptedNames(plan Plan) []string {
	seen := map[string]bool{}
	var out []string
	for _, it := range plan.ToRevoke() {
		for _, c := range it.Verdict.Accepted {
			if !seen[c.Finder] {
				seen[c.Finder] = true
				out = append(out, c.Finder)
			}
		}
	}
	return out
}
