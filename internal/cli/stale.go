package cli

import (
	"context"
	"fmt"
	"sort"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/iostreams"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// staleReferences lists, for the default groups nothing is in, the rules of
// other groups that still name them, each with the exact command that
// removes it. Such a rule allows traffic to or from the default group's
// members; with none left it allows nothing, so it is stale and safe to
// remove — but it is someone else's group: defaultsg never revokes it
// unasked, it says how.
func staleReferences(ctx context.Context, scope awsx.Scope, verdicts []usage.Verdict, account, region func(int) string) ([]string, error) {
	type key struct{ account, region string }
	refs := map[key]map[string][]string{} // referencing group → default groups it names
	for i, v := range verdicts {
		if v.InUse() {
			continue
		}
		for _, u := range v.References() {
			if u.ResourceKind != "ec2.security-group-rule" {
				continue // a peered VPC's rule is in another account: its owner removes it
			}
			k := key{account(i), region(i)}
			if refs[k] == nil {
				refs[k] = map[string][]string{}
			}
			refs[k][u.ResourceID] = append(refs[k][u.ResourceID], v.GroupID)
		}
	}
	var out []string
	for k, byGroup := range refs {
		cfg, _ := scope.Config(k.account, k.region)
		var ids []string
		for id := range byGroup {
			ids = append(ids, id)
		}
		rules, err := inventory.Rules(ctx, newEC2(cfg), ids)
		if err != nil {
			return nil, awsx.Wrap(k.account, k.region, "ec2:DescribeSecurityGroupRules", err)
		}
		for ref, defaults := range byGroup {
			for _, r := range rules[ref] {
				if r.Group == nil || !contains(defaults, r.Group.GroupID) {
					continue
				}
				dir := "ingress"
				if r.Egress {
					dir = "egress"
				}
				out = append(out, fmt.Sprintf("%s %s: %s of %s names unused %s: aws ec2 revoke-security-group-%s --region %s --group-id %s --security-group-rule-ids %s",
					k.account, k.region, r.Summary(ref), ref, r.Group.GroupID, dir, k.region, ref, r.RuleID))
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// printStale writes the stale references, if any, as a note on stderr.
func printStale(ios *iostreams.IOStreams, lines []string) {
	if len(lines) == 0 || ios.Quiet {
		return
	}
	fmt.Fprintln(ios.ErrOut, "Stale references (safe to remove: no member is left for them to allow; defaultsg does not change other groups):")
	for _, l := range lines {
		fmt.Fprintln(ios.ErrOut, "  "+l)
	}
}
