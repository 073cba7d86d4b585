package cli

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/apply"
	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/plan"
	"github.com/defaultsg/defaultsg/internal/report"
	"github.com/defaultsg/defaultsg/internal/sgrule"
	"github.com/defaultsg/defaultsg/internal/verify"
)

func newCmdVerify(f *Factory) *cobra.Command {
	var journalPath string
	cmd := &cobra.Command{
		Use:   "verify PLAN",
		Short: "Prove the moved users lost no connectivity, and list who still uses a default group",
		Long: `For every interface apply moved (from PLAN.journal), compares the traffic its groups allowed
before the move (the default group's rules as the plan recorded them, with the other groups it
kept) with what its groups allow now, and reports any flow allowed before and not now (lost) and
the reverse (gained). A correct migration shows none. Then re-runs usage over the plan's scope
and lists every user still on a default group and why. Read-only.

Exit codes: 0 no flow lost and no user left, 3 users still on a default group,
6 some flow lost, 4 usage unknown somewhere, 2 usage error.`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runVerify(cmd.Context(), f, args[0], journalPath)
		},
	}
	cmd.Flags().StringVar(&journalPath, "journal", "", "apply's journal (default: PLAN.journal)")
	return cmd
}

func runVerify(ctx context.Context, f *Factory, planPath, journalPath string) error {
	p, err := plan.Load(planPath)
	if err != nil {
		if errors.Is(err, plan.ErrInvalid) {
			return exitcode.Usagef(err)
		}
		return err
	}
	if journalPath == "" {
		journalPath = planPath + ".journal"
	}
	j, err := apply.OpenJournal(journalPath)
	if err != nil {
		return err
	}
	defer j.Close()
	if len(p.Regions) > 0 {
		f.Global.Regions = strings.Join(p.Regions, ",")
	}
	scope, err := resolveScope(ctx, f)
	if err != nil {
		return err
	}
	results, err := compareMoved(ctx, scope, p, j)
	if err != nil {
		return err
	}
	lost := 0
	t := report.Table{Title: "Connectivity of moved interfaces (before → after):", Headers: []string{"ACCOUNT", "REGION", "RESOURCE", "INTERFACE", "RESULT", "LOST", "GAINED"}}
	for _, r := range results {
		res := "equivalent"
		if !r.Equivalent {
			res = "DIFFERENT"
			lost += len(r.Lost)
		}
		t.Rows = append(t.Rows, []string{r.Account, r.Region, r.Resource, r.Interface, res, joinFlows(r.Lost), joinFlows(r.Gained)})
	}
	if err := report.WriteTable(f.IO.Out, report.FormatTable, t); err != nil {
		return err
	}
	rep, err := collectUsage(ctx, f, scope, inventory.Filter{VpcIDs: p.VpcIDs, GroupIDs: p.GroupIDs}, p.AcceptedUnknown)
	if err != nil {
		return err
	}
	fmt.Fprintln(f.IO.Out, "Still on a default group:")
	if err := writeUsage(f, report.FormatTable, rep); err != nil {
		return err
	}
	if lost > 0 {
		return exitcode.NewStatus(exitcode.Failed, fmt.Sprintf("%d flows allowed before the move are not allowed now (listed above): fix the replacement group or run rollback", lost))
	}
	return usageStatus(rep)
}

func joinFlows(fs []verify.Flow) string {
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = string(f)
	}
	return strings.Join(s, "\n")
}

// compareMoved reads, per account-region, the moved interfaces' current
// groups and every involved group's rules, and compares flows.
func compareMoved(ctx context.Context, scope awsx.Scope, p *plan.Plan, j *apply.Journal) ([]verify.Interface, error) {
	replacementOf := map[string]string{}
	planned := map[string][]plan.Rule{}
	for _, rp := range p.Replacements {
		if rec, ok := j.Done("create:" + rp.Account + "/" + rp.Region + "/" + rp.DefaultGroupID); ok {
			replacementOf[rp.DefaultGroupID] = rec.Data["group_id"]
		}
		planned[rp.DefaultGroupID] = rp.Rules
	}
	type moved struct {
		account, region, resource, eni string
		before                         []string
	}
	var all []moved
	for _, rec := range j.Records() {
		if rec.Phase != "done" || !strings.HasPrefix(rec.Step, "move:") {
			continue
		}
		parts := strings.SplitN(strings.TrimPrefix(rec.Step, "move:"), "/", 3)
		for k, v := range rec.Data {
			if eni, ok := strings.CutPrefix(k, "previous:"); ok && len(parts) == 3 {
				all = append(all, moved{parts[0], parts[1], parts[2], eni, strings.Split(v, ",")})
			}
		}
	}
	sort.Slice(all, func(a, b int) bool { return all[a].eni < all[b].eni })
	var out []verify.Interface
	for _, m := range all {
		cfg, ok := scope.Config(m.account, m.region)
		if !ok {
			return nil, fmt.Errorf("account %s of a moved interface is not in this run's accounts: run with the same --org/--profiles as plan", m.account)
		}
		api := ec2.NewFromConfig(cfg)
		eni, err := api.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: []string{m.eni}})
		if err != nil {
			return nil, awsx.Wrap(m.account, m.region, "ec2:DescribeNetworkInterfaces", err)
		}
		var after []string
		for _, n := range eni.NetworkInterfaces {
			after = append(after, groupIDs(n.Groups)...)
		}
		ids := append(append([]string{}, m.before...), after...)
		rules, err := inventory.Rules(ctx, api, ids)
		if err != nil {
			return nil, awsx.Wrap(m.account, m.region, "ec2:DescribeSecurityGroupRules", err)
		}
		lost, gained := verify.Compare(m.before, after, func(g string) []sgrule.Rule { return rules[g] }, planned, replacementOf)
		out = append(out, verify.Interface{Account: m.account, Region: m.region, Resource: m.resource, Interface: m.eni,
			Lost: lost, Gained: gained, Equivalent: len(lost) == 0 && len(gained) == 0, GroupsNow: strings.Join(after, ",")})
	}
	return out, nil
}

func groupIDs(gs []types.GroupIdentifier) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = aws.ToString(g.GroupId)
	}
	return out
}
