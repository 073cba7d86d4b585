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
	read, err := inventory.ReadAll(ctx, scope, o.Concurrency, o.Filter, o.NewEC2, nil)
	if err != nil {
		return Plan{}, err
	}
	plan := Plan{Problems: append([]awsx.Problem{}, scope.Problems...)}
	var targets []usage.Target
	var withRules []inventory.Group
	for _, r := range read {
		if r.Problem != nil {
			plan.Problems = append(plan.Problems, *r.Problem)
			continue
		}
		var t usage.Target
		for _, g := range r.Groups {
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
			if g.VpcIsDefault {
				t.DefaultVPCGroup = g.GroupID
			}
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
