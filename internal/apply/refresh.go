package apply

import (
	"context"
	"fmt"

	"github.com/defaultsg/defaultsg/internal/plan"
	"github.com/defaultsg/defaultsg/internal/services"
	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// RefreshStep is the journal step id of starting rf.
func RefreshStep(rf plan.Refresh) string {
	return "refresh:" + key(rf.Account, rf.Region, string(rf.Kind)+"/"+rf.ResourceID)
}

// parentMove is the plan's move of rf's parent.
func parentMove(p *plan.Plan, rf plan.Refresh) (plan.Move, bool) {
	for _, m := range p.Moves {
		if m.Account == rf.Account && m.Region == rf.Region && m.ResourceID == rf.Parent {
			return m, true
		}
	}
	return plan.Move{}, false
}

// refreshes offers, or with o.Refresh starts, the plan's refreshes whose
// parent moved (in this run or an earlier one). Each start is journaled
// like a move, so a resumed apply does not start a second one.
func (r *runner) refreshes(ctx context.Context, p *plan.Plan) []Result {
	var out []Result
	for _, rf := range p.Refreshes {
		step := RefreshStep(rf)
		what := fmt.Sprintf("%s %s", rf.ResourceType, rf.ResourceID)
		m, ok := parentMove(p, rf)
		rfr, known := services.Kind(rf.Kind)
		if !ok || !known || rfr.Refresh == nil {
			out = append(out, Result{Step: step, Status: StatusManual, Detail: what + ": this version of apply cannot start its refresh; call " + rf.API + " by hand"})
			continue
		}
		if _, moved := r.j.Done(MoveStep(m)); !moved {
			out = append(out, Result{Step: step, Status: StatusNotReady, Detail: what + ": its " + m.ResourceType + " " + m.ResourceID + " has not moved"})
			continue
		}
		if !r.o.Refresh {
			if _, done := r.j.Done(step); !done {
				out = append(out, Result{Step: step, Status: StatusManual, Detail: fmt.Sprintf(
					"%s launches into the replacement from now on, but its running instances keep %s until replaced: "+
						"run apply again with --refresh to start an instance refresh (%s; rollback cannot undo it)", what, rf.DefaultGroupID, rf.API)})
				continue
			}
		}
		start := rfr.Refresh.Start
		out = append(out, r.step(ctx, step, rf.Account, rf.Region, nil, func(ctx context.Context, _ EC2API) (map[string]string, error) {
			id, err := start(ctx, r.cfg, svc.Resource{Kind: rf.Kind, ID: rf.ResourceID, ARN: rf.ARN})
			if err != nil {
				return nil, locate(rf.Account, rf.Region, err)
			}
			return map[string]string{"refresh": id}, nil
		}))
	}
	return out
}

// unrefreshable reports, on rollback, the refreshes apply started: the
// instances they replaced are gone, and the ones launched since run in the
// replacement group until another refresh replaces them.
func unrefreshable(p *plan.Plan, j *Journal) []Result {
	var out []Result
	for _, rf := range p.Refreshes {
		rec, ok := j.Done(RefreshStep(rf))
		if !ok {
			continue
		}
		out = append(out, Result{Step: "rollback:" + RefreshStep(rf), Status: StatusManual, Detail: fmt.Sprintf(
			"instance refresh %s of %s %s cannot be undone: the instances it launched run in the replacement group until replaced; "+
				"once rollback has put the launch template back, start another instance refresh (%s) if they must return to %s",
			rec.Data["refresh"], rf.ResourceType, rf.ResourceID, rf.API, rf.DefaultGroupID)})
	}
	return out
}
