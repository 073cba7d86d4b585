package apply

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/crashpoint"
	"github.com/defaultsg/defaultsg/internal/plan"
	"github.com/defaultsg/defaultsg/internal/services"
	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// resource is the movers' view of a planned move.
func resource(m plan.Move) svc.Resource {
	return svc.Resource{Kind: m.Kind, ID: m.ResourceID, ARN: m.ARN}
}

// move reads the group lists the move changes, journals them (the intent
// record rollback reads: the state before any change), then swaps the
// default group for the replacement in each, keeping the other groups.
func (r *runner) move(ctx context.Context, mv svc.Mover, m plan.Move, replacement string) (map[string]string, error) {
	res := resource(m)
	targets, err := mv.Targets(ctx, r.cfg, res, m.DefaultGroupID)
	if err != nil {
		return nil, locate(m.Account, m.Region, err)
	}
	b, err := json.Marshal(targets)
	if err != nil {
		return nil, err
	}
	data := map[string]string{"targets": string(b), "replacement": replacement}
	if err := r.j.Append(Record{Step: MoveStep(m), Phase: "intent", Data: data}); err != nil {
		return nil, err
	}
	crashpoint.Hit("apply:after-intent")
	var moved []string
	for _, t := range targets {
		if err := mv.Move(ctx, r.cfg, res, t, m.DefaultGroupID, replacement); err != nil {
			return nil, locate(m.Account, m.Region, err)
		}
		moved = append(moved, t.ID)
	}
	return map[string]string{"moved": strings.Join(moved, ",")}, nil
}

// locate names the account and region in a mover's error (nil stays nil).
func locate(account, region string, err error) error {
	if err == nil {
		return nil
	}
	var oe *awsx.OpError
	if errors.As(err, &oe) && oe.Account == "" {
		c := *oe
		c.Account, c.Region = account, region
		return &c
	}
	return awsx.Wrap(account, region, "move", err)
}

// wait polls the asynchronous moves until the services report them in
// effect or o.Wait runs out; the ones still in progress are reported
// pending, never waited on forever.
func (r *runner) wait(ctx context.Context, moves []plan.Move) []Result {
	poll := r.o.Poll
	if poll <= 0 {
		poll = 5 * time.Second
	}
	deadline := time.Now().Add(r.o.Wait)
	pending := map[int]string{}
	for i := range moves {
		pending[i] = "not checked"
	}
	var out []Result
	for {
		for i, m := range moves {
			if _, ok := pending[i]; !ok {
				continue
			}
			mv, _ := services.Mover(m.Kind)
			cfg, _ := r.scope.Config(m.Account, m.Region)
			what, err := mv.Settled(ctx, cfg, resource(m))
			switch {
			case err != nil && ctx.Err() == nil:
				delete(pending, i)
				out = append(out, Result{Step: "settle:" + moveKey(m), Status: StatusFailed,
					Detail: locate(m.Account, m.Region, err).Error()})
			case err == nil && what == "":
				delete(pending, i)
			case err == nil:
				pending[i] = what
			}
		}
		if r.o.Progress != nil {
			r.o.Progress(len(pending), len(moves))
		}
		if len(pending) == 0 || ctx.Err() != nil || !time.Now().Add(poll).Before(deadline) {
			break
		}
		select {
		case <-ctx.Done():
		case <-time.After(poll):
		}
	}
	for i, m := range moves {
		if what, ok := pending[i]; ok {
			out = append(out, Result{Step: "settle:" + moveKey(m), Status: StatusPending,
				Detail: fmt.Sprintf("%s %s: %s; check again with verify", m.ResourceType, m.ResourceID, what)})
		}
	}
	return out
}
