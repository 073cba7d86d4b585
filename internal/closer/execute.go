package closer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"golang.org/x/sync/errgroup"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/backup"
	"github.com/defaultsg/defaultsg/internal/crashpoint"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/sgrule"
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
	DryRun      bool
	BackupPath  string // file to create; never overwritten
	ToolVersion string
	Now         time.Time
	Concurrency int
	NewEC2      func(aws.Config) RevokeAPI
}

// Execute writes the backup, then revokes. Nothing is revoked unless the
// backup was written and verified.
func Execute(ctx context.Context, scope awsx.Scope, plan Plan, o ExecOptions) (Result, error) {
	res := Result{}
	todo := plan.ToRevoke()
	if len(todo) > 0 && !o.DryRun {
		crashpoint.Hit("close:before-backup")
		doc := &backup.Document{ToolVersion: o.ToolVersion, CreatedAt: o.Now.UTC(), AcceptedUnknown: acceptedNames(plan)}
		for _, it := range todo {
			g := it.Group
			doc.Groups = append(doc.Groups, backup.Group{Account: g.Account, Region: g.Region, VpcID: g.VpcID,
				GroupID: g.GroupID, GroupName: g.GroupName, Rules: g.Rules})
		}
		path, err := backup.Write(o.BackupPath, doc)
		if err != nil {
			return res, err
		}
		res.BackupPath = path
		crashpoint.Hit("close:after-backup")
	}
	revoked, err := awsx.Run(ctx, o.Concurrency, unitsOf(todo), func(ctx context.Context, i int, u awsx.Unit) (GroupResult, error) {
		it := todo[i]
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
			revoked[i] = resultOf(todo[i])
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

// revoked counts the backed-up rules that are gone, per direction.
type revoked struct{ in, eg int }

// revokeGroup revokes the backed-up rules of g by rule id, ingress then
// egress. Rules added after the backup are not touched (and then reported as
// remaining). A rule already gone counts as revoked.
//
// The two directions are independent calls, made together; one failing
// does not cancel the other, whose effect would then be unknown. What was
// revoked is counted from a re-read of the group, so a failure on one side
// never hides what the other side removed.
func revokeGroup(ctx context.Context, api RevokeAPI, grp inventory.Group, dryRun bool) (revoked, error) {
	var in, eg []string
	for _, r := range grp.Rules {
		if r.Egress {
			eg = append(eg, r.RuleID)
		} else {
			in = append(in, r.RuleID)
		}
	}
	var n revoked
	var errIn, errEg error
	var calls errgroup.Group
	if len(in) > 0 {
		calls.Go(func() error {
			n.in, errIn = revokeSide(ctx, api, grp, false, in, dryRun)
			if errIn == nil {
				crashpoint.Hit("close:after-ingress")
			}
			return nil
		})
	}
	if len(eg) > 0 {
		calls.Go(func() error {
			n.eg, errEg = revokeSide(ctx, api, grp, true, eg, dryRun)
			return nil
		})
	}
	_ = calls.Wait()
	err := errors.Join(errIn, errEg)
	if dryRun {
		return revoked{}, err
	}
	readCtx := ctx
	if ctx.Err() != nil {
		// Interrupted with calls in flight: AWS may have made them. One
		// bounded read says what is gone.
		var cancel context.CancelFunc
		readCtx, cancel = context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
	}
	left, rerr := currentRules(readCtx, api, grp.GroupID)
	if rerr != nil {
		// The calls' own counts are all that is known.
		return n, errors.Join(err, fmt.Errorf("counting what was revoked: %w",
			awsx.Wrap(grp.Account, grp.Region, "ec2:DescribeSecurityGroupRules", rerr)))
	}
	still := map[string]bool{}
	for _, r := range left {
		still[r.RuleID] = true
	}
	n = revoked{in: countGone(in, still), eg: countGone(eg, still)}
	if err != nil {
		return n, err
	}
	if len(left) > 0 {
		return n, fmt.Errorf("%d rules remain after revoking (added since the backup was taken?): re-run close", len(left))
	}
	return n, nil
}

func countGone(ids []string, still map[string]bool) int {
	n := 0
	for _, id := range ids {
		if !still[id] {
			n++
		}
	}
	return n
}

func revokeSide(ctx context.Context, api RevokeAPI, g inventory.Group, egress bool, ids []string, dryRun bool) (int, error) {
	op := "ec2:RevokeSecurityGroupIngress"
	if egress {
		op = "ec2:RevokeSecurityGroupEgress"
	}
	for attempt := 0; ; attempt++ {
		err := revokeCall(ctx, api, g.GroupID, egress, ids, dryRun)
		switch code := awsx.ErrorCode(err); {
		case err == nil:
			return len(ids), nil
		case dryRun && code == "DryRunOperation":
			return 0, nil
		case code == "InvalidSecurityGroupRuleId.NotFound" && attempt == 0:
			// Some rules are already gone (an earlier interrupted run):
			// revoke only the ones still there.
			cur, derr := currentRules(ctx, api, g.GroupID)
			if derr != nil {
				return 0, awsx.Wrap(g.Account, g.Region, "ec2:DescribeSecurityGroupRules", derr)
			}
			ids = intersect(ids, cur)
			if len(ids) == 0 {
				return 0, nil
			}
		default:
			return 0, awsx.Wrap(g.Account, g.Region, op, err)
		}
	}
}

func revokeCall(ctx context.Context, api RevokeAPI, groupID string, egress bool, ids []string, dryRun bool) error {
	if egress {
		_, err := api.RevokeSecurityGroupEgress(ctx, &ec2.RevokeSecurityGroupEgressInput{
			GroupId: aws.String(groupID), SecurityGroupRuleIds: ids, DryRun: aws.Bool(dryRun)})
		return err
	}
	_, err := api.RevokeSecurityGroupIngress(ctx, &ec2.RevokeSecurityGroupIngressInput{
		GroupId: aws.String(groupID), SecurityGroupRuleIds: ids, DryRun: aws.Bool(dryRun)})
	return err
}

func intersect(ids []string, cur []sgrule.Rule) []string {
	have := map[string]bool{}
	for _, r := range cur {
		have[r.RuleID] = true
	}
	var out []string
	for _, id := range ids {
		if have[id] {
			out = append(out, id)
		}
	}
	return out
}

func currentRules(ctx context.Context, api ec2.DescribeSecurityGroupRulesAPIClient, groupID string) ([]sgrule.Rule, error) {
	m, err := inventory.Rules(ctx, api, []string{groupID})
	return m[groupID], err
}
