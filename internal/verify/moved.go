package verify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/apply"
	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/plan"
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/sgrule"
)

// Journal is what verify reads of apply's journal.
type Journal interface {
	Done(step string) (apply.Record, bool)
	FirstIntents() map[string]map[string]string
}

// Reader reads a moved resource and group rules as they are now.
type Reader struct {
	// Movable reports whether a mover handles the resource kind; moves of
	// other kinds are manual and not compared.
	Movable func(kind resource.Kind) bool
	// Targets reads the group lists of m's resource that carry group.
	Targets func(ctx context.Context, cfg aws.Config, m plan.Move, group string) ([]svc.Target, error)
	// Rules reads the current rules of groups, by group id.
	Rules func(ctx context.Context, cfg aws.Config, groups []string) (map[string][]sgrule.Rule, error)
}

// AWSReader reads through each service's mover and EC2.
func AWSReader() Reader {
	return Reader{
		Movable: func(k resource.Kind) bool { _, ok := services.Mover(k); return ok },
		Targets: func(ctx context.Context, cfg aws.Config, m plan.Move, group string) ([]svc.Target, error) {
			mv, ok := services.Mover(m.Kind)
			if !ok {
				return nil, fmt.Errorf("no mover for %s", m.Kind)
			}
			return mv.Targets(ctx, cfg, svc.Resource{Kind: m.Kind, ID: m.ResourceID, ARN: m.ARN}, group)
		},
		Rules: func(ctx context.Context, cfg aws.Config, groups []string) (map[string][]sgrule.Rule, error) {
			return inventory.Rules(ctx, ec2.NewFromConfig(cfg), groups)
		},
	}
}

// Moved compares, for every target of every move the journal records as
// done (an instance's interfaces, a function's configuration…), the flows
// its groups allowed before the move — as the first intent recorded them —
// with the flows of its groups now. The result is sorted by resource and
// interface.
func Moved(ctx context.Context, scope awsx.Scope, p *plan.Plan, j Journal, rd Reader) ([]Interface, error) {
	replacementOf := map[string]string{}
	planned := map[string][]plan.Rule{}
	for _, rp := range p.Replacements {
		if rec, ok := j.Done(apply.CreateStep(rp)); ok {
			replacementOf[rp.DefaultGroupID] = rec.Data["group_id"]
		}
		planned[rp.DefaultGroupID] = rp.Rules
	}
	intents := j.FirstIntents()
	var out []Interface
	for _, m := range p.Moves {
		step := apply.MoveStep(m)
		if _, done := j.Done(step); !done || !rd.Movable(m.Kind) {
			continue
		}
		var before []svc.Target
		if err := json.Unmarshal([]byte(intents[step]["targets"]), &before); err != nil {
			return nil, fmt.Errorf("journal record of %s: %w", step, err)
		}
		cfg, ok := scope.Config(m.Account, m.Region)
		if !ok {
			return nil, fmt.Errorf("account %s of a moved resource is not in this run's accounts: run with the same --org/--profiles as plan", m.Account)
		}
		now, err := groupsNow(ctx, cfg, m, before, replacementOf[m.DefaultGroupID], rd)
		if err != nil {
			return nil, err
		}
		for _, t := range before {
			// A target that names no group (recorded so, or still so: a
			// refused or rolled-back move) runs in its VPC's default group
			// (a mover records an empty list only then, svc.RunsIn). A
			// target no longer found has no entry and stays empty.
			was := ranIn(t.Groups, m.DefaultGroupID)
			after, found := now[t.ID]
			if found {
				after = ranIn(after, m.DefaultGroupID)
			}
			rules, err := rd.Rules(ctx, cfg, append(append([]string{}, was...), after...))
			if err != nil {
				return nil, awsx.Wrap(m.Account, m.Region, "ec2:DescribeSecurityGroupRules", err)
			}
			lost, gained := Compare(was, after, func(g string) []sgrule.Rule { return rules[g] }, planned, replacementOf)
			out = append(out, Interface{Account: m.Account, Region: m.Region, Resource: m.ResourceType + " " + m.ResourceID, Interface: t.ID,
				Lost: lost, Gained: gained, Equivalent: len(lost) == 0 && len(gained) == 0, GroupsNow: strings.Join(after, ",")})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Resource+out[a].Interface < out[b].Resource+out[b].Interface })
	return out, nil
}

// groupsNow reads the groups of each of m's targets now: first those on the
// replacement, then, only if some target was not found there, those still
// on the default group. A resource gone since is not an error: its targets
// have no groups now, and every flow shows as lost.
func groupsNow(ctx context.Context, cfg aws.Config, m plan.Move, before []svc.Target, replacement string, rd Reader) (map[string][]string, error) {
	now := map[string][]string{}
	for _, g := range []string{replacement, m.DefaultGroupID} {
		if allFound(before, now) {
			break
		}
		ts, err := rd.Targets(ctx, cfg, m, g)
		if err != nil && !errors.Is(err, svc.ErrNotFound) {
			return nil, awsx.Wrap(m.Account, m.Region, "reading "+m.ResourceType, err)
		}
		for _, t := range ts {
			if _, seen := now[t.ID]; !seen {
				now[t.ID] = t.Groups
			}
		}
	}
	return now, nil
}

// ranIn is the groups a target runs in: its own, or the default group
// when it names none.
func ranIn(groups []string, defaultGroup string) []string {
	if len(groups) == 0 {
		return []string{defaultGroup}
	}
	return groups
}

func allFound(targets []svc.Target, now map[string][]string) bool {
	for _, t := range targets {
		if _, ok := now[t.ID]; !ok {
			return false
		}
	}
	return len(now) > 0
}
