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
	"github.com/defaultsg/defaultsg/internal/crashpoint"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/sgrule"
)

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
