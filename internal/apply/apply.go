package apply

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/crashpoint"
	"github.com/defaultsg/defaultsg/internal/plan"
	"github.com/defaultsg/defaultsg/internal/services"
)

// EC2API is every EC2 call apply makes; *ec2.Client satisfies it.
type EC2API interface {
	ec2.DescribeSecurityGroupsAPIClient
	ec2.DescribeSecurityGroupRulesAPIClient
	ec2.DescribeNetworkInterfacesAPIClient
	CreateSecurityGroup(ctx context.Context, in *ec2.CreateSecurityGroupInput, opts ...func(*ec2.Options)) (*ec2.CreateSecurityGroupOutput, error)
	AuthorizeSecurityGroupIngress(ctx context.Context, in *ec2.AuthorizeSecurityGroupIngressInput, opts ...func(*ec2.Options)) (*ec2.AuthorizeSecurityGroupIngressOutput, error)
	AuthorizeSecurityGroupEgress(ctx context.Context, in *ec2.AuthorizeSecurityGroupEgressInput, opts ...func(*ec2.Options)) (*ec2.AuthorizeSecurityGroupEgressOutput, error)
	RevokeSecurityGroupIngress(ctx context.Context, in *ec2.RevokeSecurityGroupIngressInput, opts ...func(*ec2.Options)) (*ec2.RevokeSecurityGroupIngressOutput, error)
	RevokeSecurityGroupEgress(ctx context.Context, in *ec2.RevokeSecurityGroupEgressInput, opts ...func(*ec2.Options)) (*ec2.RevokeSecurityGroupEgressOutput, error)
	ModifyNetworkInterfaceAttribute(ctx context.Context, in *ec2.ModifyNetworkInterfaceAttributeInput, opts ...func(*ec2.Options)) (*ec2.ModifyNetworkInterfaceAttributeOutput, error)
}

// Status of one step.
type Status string

const (
	StatusDone     Status = "done"
	StatusResumed  Status = "already done" // done by an earlier, interrupted run
	StatusManual   Status = "manual"
	StatusFailed   Status = "failed"
	StatusNotReady Status = "not run" // a step it depends on failed
	StatusPending  Status = "pending" // made, but the service has not finished applying it
)

// Result is the outcome of one step.
type Result struct {
	Step   string `json:"step"`
	Status Status `json:"status"`
	Detail string `json:"detail,omitempty"`
}

// Options tune Execute.
type Options struct {
	NewEC2 func(aws.Config) EC2API
	// Wait bounds how long apply waits for asynchronous moves (RDS
	// modifications, ECS deployments) to take effect; what is still in
	// progress then is reported as pending. Zero reports without waiting.
	Wait time.Duration
	// Poll is the interval between checks (default 5s).
	Poll time.Duration
	// Progress, when set, is told how many asynchronous moves are still
	// settling each time they are checked.
	Progress func(pending, total int)
	// Refresh starts the plan's refreshes (instance refreshes of Auto
	// Scaling groups whose template moved); without it they are offered.
	Refresh bool
}

type runner struct {
	scope awsx.Scope
	j     *Journal
	o     Options
	// replacement group id by account/region/default group id
	repl map[string]string
	// cfg is the configuration of the step being run.
	cfg aws.Config
}

func key(account, region, id string) string { return account + "/" + region + "/" + id }

// Execute runs every step of p not already done according to j.
func Execute(ctx context.Context, scope awsx.Scope, p *plan.Plan, j *Journal, o Options) ([]Result, error) {
	r := &runner{scope: scope, j: j, o: o, repl: map[string]string{}}
	var out []Result
	for _, rp := range p.Replacements {
		out = append(out, r.step(ctx, "create:"+key(rp.Account, rp.Region, rp.DefaultGroupID), rp.Account, rp.Region, nil,
			func(ctx context.Context, api EC2API) (map[string]string, error) { return r.create(ctx, api, rp) }))
		if id := r.repl[key(rp.Account, rp.Region, rp.DefaultGroupID)]; id != "" && rp.ExistingID == "" {
			out = append(out, r.step(ctx, "rules:"+key(rp.Account, rp.Region, rp.DefaultGroupID), rp.Account, rp.Region, nil,
				func(ctx context.Context, api EC2API) (map[string]string, error) {
					return nil, syncRules(ctx, api, id, rp)
				}))
		}
	}
	for i, rr := range p.ReferenceRules {
		id := r.repl[key(rr.Account, rr.Region, rr.DefaultGroupID)]
		out = append(out, r.step(ctx, fmt.Sprintf("reference:%s/%d", key(rr.Account, rr.Region, rr.GroupID), i), rr.Account, rr.Region, needs(id),
			func(ctx context.Context, api EC2API) (map[string]string, error) {
				return addReference(ctx, api, rr, id)
			}))
	}
	var settling []plan.Move
	for _, m := range p.Moves {
		id := r.repl[key(m.Account, m.Region, m.DefaultGroupID)]
		step := MoveStep(m)
		mv, ok := services.Mover(m.Kind)
		if !ok {
			out = append(out, Result{Step: step, Status: StatusManual,
				Detail: fmt.Sprintf("%s %s: this version of apply has no mover for it; call %s by hand", m.ResourceType, m.ResourceID, m.API)})
			continue
		}
		res := r.step(ctx, step, m.Account, m.Region, needs(id),
			func(ctx context.Context, _ EC2API) (map[string]string, error) {
				return r.move(ctx, mv, m, id)
			})
		out = append(out, res)
		if mv.Settled != nil && (res.Status == StatusDone || res.Status == StatusResumed) {
			settling = append(settling, m)
		}
	}
	out = append(out, r.wait(ctx, settling)...)
	out = append(out, r.refreshes(ctx, p)...)
	for _, m := range p.Manual {
		out = append(out, Result{Step: "manual:" + key(m.Account, m.Region, m.ResourceID), Status: StatusManual, Detail: m.Instructions})
	}
	return out, ctx.Err()
}

func needs(replacementID string) error {
	if replacementID == "" {
		return fmt.Errorf("its replacement group was not created")
	}
	return nil
}

// step runs one journaled step: skipped if done, else start record, call,
// done (or failed) record.
func (r *runner) step(ctx context.Context, id, account, region string, blocked error,
	do func(context.Context, EC2API) (map[string]string, error)) Result {
	if rec, ok := r.j.Done(id); ok {
		r.remember(id, rec.Data)
		return Result{Step: id, Status: StatusResumed}
	}
	if blocked != nil {
		return Result{Step: id, Status: StatusNotReady, Detail: blocked.Error()}
	}
	if ctx.Err() != nil {
		return Result{Step: id, Status: StatusNotReady, Detail: "cancelled"}
	}
	cfg, inScope := r.scope.Config(account, region)
	if !inScope {
		// Never apply an item to another account than the one it names.
		return Result{Step: id, Status: StatusFailed, Detail: fmt.Sprintf(
			"account %s is not in this run's accounts: run with the same --org/--profiles as plan", account)}
	}
	if err := r.j.Append(Record{Step: id, Phase: "start"}); err != nil {
		return Result{Step: id, Status: StatusFailed, Detail: err.Error()}
	}
	crashpoint.Hit("apply:after-start")
	r.cfg = cfg
	data, err := do(ctx, r.o.NewEC2(cfg))
	crashpoint.Hit("apply:after-call")
	if err != nil {
		_ = r.j.Append(Record{Step: id, Phase: "failed", Error: err.Error()})
		return Result{Step: id, Status: StatusFailed, Detail: err.Error()}
	}
	if err := r.j.Append(Record{Step: id, Phase: "done", Data: data}); err != nil {
		return Result{Step: id, Status: StatusFailed, Detail: err.Error()}
	}
	r.remember(id, data)
	return Result{Step: id, Status: StatusDone, Detail: describe(data)}
}

func (r *runner) remember(step string, data map[string]string) {
	if rest, ok := strings.CutPrefix(step, "create:"); ok && data["group_id"] != "" {
		r.repl[rest] = data["group_id"]
	}
}

func describe(data map[string]string) string {
	var parts []string
	for _, k := range []string{"group_id", "reused", "moved", "refresh"} {
		if v := data[k]; v != "" {
			parts = append(parts, k+"="+v)
		}
	}
	return strings.Join(parts, " ")
}
