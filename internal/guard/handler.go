package guard

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/sgrule"
)

// EC2API is what the handler calls: two reads and the two revokes.
type EC2API interface {
	DescribeSecurityGroups(ctx context.Context, in *ec2.DescribeSecurityGroupsInput, optFns ...func(*ec2.Options)) (*ec2.DescribeSecurityGroupsOutput, error)
	DescribeSecurityGroupRules(ctx context.Context, in *ec2.DescribeSecurityGroupRulesInput, optFns ...func(*ec2.Options)) (*ec2.DescribeSecurityGroupRulesOutput, error)
	RevokeSecurityGroupIngress(ctx context.Context, in *ec2.RevokeSecurityGroupIngressInput, optFns ...func(*ec2.Options)) (*ec2.RevokeSecurityGroupIngressOutput, error)
	RevokeSecurityGroupEgress(ctx context.Context, in *ec2.RevokeSecurityGroupEgressInput, optFns ...func(*ec2.Options)) (*ec2.RevokeSecurityGroupEgressOutput, error)
}

// Handler handles one event at a time.
type Handler struct {
	Mode Mode
	// EC2 returns the client for a region (the event's).
	EC2      func(region string) EC2API
	Backup   BackupWriter
	Notifier Notifier // nil: no notification
	// Log receives one JSON line per result.
	Log io.Writer
	Now func() time.Time
}

// Action is what the handler did with an event.
type Action string

const (
	Ignored     Action = "ignored"      // not ours: failed call, other group, other event
	Revoked     Action = "revoked"      // rules revoked (backup written first)
	AlreadyGone Action = "already-gone" // the rules the event names are no longer there
	Reported    Action = "reported"     // report mode: would have revoked
	Failed      Action = "failed"       // an AWS call failed: see Error
)

// Result is one event's outcome, logged as JSON and printed by
// `guard handle --event`.
type Result struct {
	Action    Action        `json:"action"`
	Reason    string        `json:"reason"`
	Mode      Mode          `json:"mode"`
	EventID   string        `json:"event_id"`
	EventName string        `json:"event_name"`
	Account   string        `json:"account,omitempty"`
	Region    string        `json:"region,omitempty"`
	GroupID   string        `json:"group_id,omitempty"`
	VpcID     string        `json:"vpc_id,omitempty"`
	RuleIDs   []string      `json:"rule_ids,omitempty"`
	Rules     []sgrule.Rule `json:"rules,omitempty"` // revoked (or, in report mode, to revoke)
	Gone      []string      `json:"already_gone,omitempty"`
	Error     string        `json:"error,omitempty"`
}

// HandleJSON parses and handles one raw event. The error is non-nil when
// the result is Failed (or the event is unreadable), so Lambda counts the
// invocation as failed; the template bounds its retries.
func (h *Handler) HandleJSON(ctx context.Context, raw []byte) (Result, error) {
	ev, err := ParseEvent(raw)
	if err != nil {
		return Result{Action: Failed, Mode: h.Mode, Reason: "unreadable event", Error: err.Error()}, err
	}
	return h.Handle(ctx, ev)
}

// Handle decides, re-reads, backs up, revokes and notifies.
func (h *Handler) Handle(ctx context.Context, ev Event) (Result, error) {
	res := Result{Mode: h.Mode, EventID: ev.ID, EventName: ev.Name, Account: ev.Account, Region: ev.Region,
		GroupID: ev.GroupID, VpcID: ev.VpcID, RuleIDs: ev.RuleIDs}
	err := h.handle(ctx, ev, &res)
	if err != nil {
		res.Action, res.Error = Failed, err.Error()
	}
	if res.Action != Ignored && res.Action != AlreadyGone && h.Notifier != nil {
		if nerr := h.Notifier.Notify(ctx, subject(res), message(res)); nerr != nil {
			nerr = awsx.Wrap(ev.Account, ev.Region, "sns:Publish", nerr)
			res.Error = joinText(res.Error, "notifying: "+nerr.Error())
			err = errors.Join(err, nerr)
		}
	}
	if h.Log != nil {
		b, _ := json.Marshal(struct {
			Result Result `json:"defaultsg_guard_result"`
		}{res})
		fmt.Fprintf(h.Log, "%s\n", b)
	}
	return res, err
}

func (h *Handler) handle(ctx context.Context, ev Event, res *Result) error {
	if ev.ErrorCode != "" {
		res.Action, res.Reason = Ignored, "the call failed ("+ev.ErrorCode+"): it changed nothing"
		return nil
	}
	if !slices.Contains(EventNames, ev.Name) {
		res.Action, res.Reason = Ignored, "not an event the guard handles"
		return nil
	}
	api := h.EC2(ev.Region)
	var grp *types.SecurityGroup
	var err error
	if ev.Name == "CreateVpc" {
		if ev.VpcID == "" {
			res.Action, res.Reason = Ignored, "no VPC id in the event"
			return nil
		}
		grp, err = defaultGroupOf(ctx, api, ev)
	} else {
		if ev.GroupID == "" || len(ev.RuleIDs) == 0 {
			res.Action, res.Reason = Ignored, "the event names no group or rule"
			return nil
		}
		grp, err = group(ctx, api, ev)
	}
	if err != nil {
		return err
	}
	if grp == nil {
		res.Action, res.Reason = Ignored, "the group no longer exists"
		return nil
	}
	res.GroupID, res.VpcID = aws.ToString(grp.GroupId), aws.ToString(grp.VpcId)
	if aws.ToString(grp.GroupName) != "default" || res.VpcID == "" {
		res.Action, res.Reason = Ignored, "not a VPC default group"
		return nil
	}
	current, err := rules(ctx, api, ev, res.GroupID)
	if err != nil {
		return err
	}
	var target []sgrule.Rule
	if ev.Name == "CreateVpc" {
		// A new VPC's default group: every rule AWS gave it.
		target = current
	} else {
		for _, id := range ev.RuleIDs {
			if i := slices.IndexFunc(current, func(r sgrule.Rule) bool { return r.RuleID == id }); i >= 0 {
				target = append(target, current[i])
			} else {
				res.Gone = append(res.Gone, id)
			}
		}
	}
	res.Rules = target
	if len(target) == 0 {
		res.Action, res.Reason = AlreadyGone, "no rule to revoke: the rules the event names are not there"
		return nil
	}
	if h.Mode == Report {
		res.Action, res.Reason = Reported, fmt.Sprintf("report mode: %d rule(s) on a default group left in place", len(target))
		return nil
	}
	rec := NewRecord(h.recordTime(ev), ev, res.VpcID, res.GroupID, target)
	if err := h.Backup.Write(ctx, rec); err != nil {
		return fmt.Errorf("writing the backup record (nothing revoked): %w", err)
	}
	gone, err := revoke(ctx, api, ev, res.GroupID, target)
	res.Gone = append(res.Gone, gone...)
	if err != nil {
		return err
	}
	res.Action, res.Reason = Revoked, fmt.Sprintf("%d rule(s) revoked from the default group", len(target)-len(gone))
	return nil
}

// recordTime is the record's time: the event's (CloudTrail eventTime), so
// the record of a duplicate or retried event is the same bytes (S3Backup
// relies on it); the handler's clock only for an event without one (a
// lockdown).
func (h *Handler) recordTime(ev Event) string {
	if t, err := time.Parse(time.RFC3339, ev.Time); err == nil {
		return t.UTC().Format(time.RFC3339)
	}
	return h.now().UTC().Format(time.RFC3339)
}

func (h *Handler) now() time.Time {
	if h.Now != nil {
		return h.Now()
	}
	return time.Now()
}

func subject(r Result) string {
	return fmt.Sprintf("defaultsg guard: %s on %s (%s %s)", r.Action, r.GroupID, r.Account, r.Region)
}

func message(r Result) string {
	var b []byte
	b, _ = json.MarshalIndent(r, "", "  ")
	var text string
	switch r.Action {
	case Revoked:
		text = fmt.Sprintf("%s added rules to the default security group %s of %s; the guard revoked them. The backup record is in the function's log (and its backup bucket, if it has one).", r.EventName, r.GroupID, r.VpcID)
	case Reported:
		text = fmt.Sprintf("%s added rules to the default security group %s of %s (report mode: left in place).", r.EventName, r.GroupID, r.VpcID)
	default:
		text = fmt.Sprintf("The guard could not handle %s on %s: %s", r.EventName, r.GroupID, r.Error)
	}
	return text + "\n\n" + string(b)
}

func joinText(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}
