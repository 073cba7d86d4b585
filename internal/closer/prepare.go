// Package closer is step 6 of the job: revoke every rule of the default
// groups that nothing uses, after writing a verified backup of those rules.
// It refuses any group that is used or whose usage is unknown (unless forced),
// revokes by rule id, and is idempotent: re-running it after a crash finishes
// the work without losing a rule.
package closer

import (
	"context"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Decision is what close will do with one group.
type Decision string

const (
	DecisionClose         Decision = "close"          // has rules, unused: revoke
	DecisionForce         Decision = "force"          // has rules, used or unknown, --force given: revoke
	DecisionRefuse        Decision = "refuse"         // has rules, used or usage unknown
	DecisionAlreadyClosed Decision = "already-closed" // no rules: nothing to do
)

// Item is one default group and the decision about it.
type Item struct {
	Group    inventory.Group
	Decision Decision
	Verdict  usage.Verdict
}

// Plan is everything close would do, computed before any change.
type Plan struct {
	Items    []Item
	Problems []awsx.Problem
	Usage    usage.Result
}

// ToRevoke returns the items whose rules will be revoked.
func (p Plan) ToRevoke() []Item {
	var out []Item
	for _, it := range p.Items {
		if it.Decision == DecisionClose || it.Decision == DecisionForce {
			out = append(out, it)
		}
	}
	return out
}

// Options tune Prepare.
type Options struct {
	Filter        inventory.Filter
	Concurrency   int
	Force         bool
	Finders       []usage.Finder
	AcceptUnknown []string
	NewEC2        func(aws.Config) inventory.EC2API
}

// Prepare reads every default group in scope and asks the usage engine about
// the ones that still have rules.
func Prepare(ctx context.Context, scope awsx.Scope, o Options) (Plan, error) {
	units := scope.Units()
	type regionGroups struct {
		groups  []inventory.Group
		problem *awsx.Problem
	}
	read, err := awsx.Run(ctx, o.Concurrency, units, func(ctx context.Context, _ int, u awsx.Unit) (regionGroups, error) {
		cfg, _ := scope.Config(u.Account, u.Region)
		gs, err := inventory.ListDefaultGroups(ctx, o.NewEC2(cfg), u.Account, u.Region, o.Filter)
		if err != nil {
			if ctx.Err() != nil {
				return regionGroups{}, ctx.Err()
			}
			p := awsx.ProblemOf(u.Account, u.Region, "", err)
			return regionGroups{problem: &p}, nil
		}
		return regionGroups{groups: gs}, nil
	})
	if err != nil {
		return Plan{}, err
	}
	plan := Plan{Problems: append([]awsx.Problem{}, scope.Problems...)}
	var targets []usage.Target
	var withRules []inventory.Group
	for _, r := range read {
		if r.problem != nil {
			plan.Problems = append(plan.Problems, *r.problem)
			continue
		}
		var t usage.Target
		for _, g := range r.groups {
			if g.Compliant() {
				plan.Items = append(plan.Items, Item{Group: g, Decision: DecisionAlreadyClosed})
				continue
			}
			withRules = append(withRules, g)
			t.Account, t.Region = g.Account, g.Region
			t.GroupIDs = append(t.GroupIDs, g.GroupID)
			if t.VpcOf == nil {
				t.VpcOf = map[string]string{}
			}
			t.VpcOf[g.GroupID] = g.VpcID
		}
		if len(t.GroupIDs) > 0 {
			targets = append(targets, t)
		}
	}
	plan.Usage, err = usage.Run(ctx, scope, targets, o.Finders, usage.Options{Concurrency: o.Concurrency, AcceptUnknown: o.AcceptUnknown})
	if err != nil {
		return Plan{}, err
	}
	for _, g := range withRules {
		v := plan.Usage.Verdict(g.Account, g.Region, g.GroupID)
		d := DecisionClose
		if v.Blocks() {
			d = DecisionRefuse
			if o.Force {
				d = DecisionForce
			}
		}
		plan.Items = append(plan.Items, Item{Group: g, Decision: d, Verdict: v})
	}
	sort.SliceStable(plan.Items, func(i, j int) bool {
		a, b := plan.Items[i].Group, plan.Items[j].Group
		if a.Account != b.Account {
			return a.Account < b.Account
		}
		if a.Region != b.Region {
			return a.Region < b.Region
		}
		return a.VpcID < b.VpcID
	})
	awsx.SortProblems(plan.Problems)
	return plan, nil
}
