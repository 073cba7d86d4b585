package svc

import (
	"context"
	"errors"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/resource"
)

// Resource names the resource a move changes, as the usage engine found it.
type Resource struct {
	Kind resource.Kind
	ID   string // the resource's own id, e.g. the function name
	ARN  string // when the finder knew it (ELBv2, CodeBuild fleets)
}

// Target is one group list of a resource, as it was before the move.
type Target struct {
	ID     string   `json:"id"`
	Groups []string `json:"groups"`
	// Version is the launch template default version before the move;
	// rollback makes it the default again.
	Version string `json:"version,omitempty"`
	// Document is the whole document the groups are part of, as read
	// before the move, for movers whose change call replaces it (a Step
	// Functions definition); rollback sends it back byte for byte.
	Document string `json:"document,omitempty"`
}

// Mover moves one kind of resource from a default group to its replacement
// through the owning service's API, keeping the resource's other groups,
// and puts it back on rollback.
//
// A move is read → record → change: Targets reads the group lists the move
// will change (an instance has one per interface, most resources one), the
// caller journals them durably, then Move swaps the default group for the
// replacement in each. Restore puts a target back exactly as recorded. A
// Move of a target that no longer carries the default group calls nothing,
// so a move resumed after a crash is idempotent.
type Mover struct {
	// API names the call that changes the groups, for plans and docs.
	API string
	// IAM lists every action Targets, Move, Restore and Settled call: what
	// both apply and rollback need.
	IAM []string
	// ARNs are the resources the mover's changing calls act on, as IAM
	// resource patterns (region and account wildcarded): the narrowest
	// resource types AWS's Service Authorization Reference lists for them.
	ARNs []string
	// PassRoleTo is the service principal (events.amazonaws.com) of a
	// changing call that sends back the resource's IAM role, which AWS
	// authorizes as iam:PassRole of that role even when it is unchanged;
	// the policy grants iam:PassRole to that service only.
	PassRoleTo string
	// Targets reads the group lists that carry group.
	Targets func(ctx context.Context, cfg aws.Config, r Resource, group string) ([]Target, error)
	// Move replaces from by to in the target, keeping its other groups.
	Move func(ctx context.Context, cfg aws.Config, r Resource, t Target, from, to string) error
	// Restore puts the target back as recorded.
	Restore func(ctx context.Context, cfg aws.Config, r Resource, t Target) error
	// Settled, for services that apply a change asynchronously (RDS, ECS),
	// says what is still in progress ("" when the change is in effect).
	Settled func(ctx context.Context, cfg aws.Config, r Resource) (string, error)
	// DryRun checks permission for Move without changing anything, for the
	// services that offer a dry run (EC2); nil elsewhere.
	DryRun func(ctx context.Context, cfg aws.Config, r Resource, t Target, from, to string) error
}

// Swap replaces from by to in groups, keeping order and the other groups,
// without duplicating to. ok is false when groups does not hold from.
func Swap(groups []string, from, to string) (next []string, ok bool) {
	for _, g := range groups {
		if g == from {
			ok = true
			g = to
		}
		if !slices.Contains(next, g) {
			next = append(next, g)
		}
	}
	return next, ok
}

// ErrNotFound is returned by Targets when the resource no longer exists.
var ErrNotFound = errors.New("resource not found")

// One is the Targets result of a resource with a single group list: empty
// when the list no longer holds group (an earlier run moved it).
func One(id string, groups []string, group string) []Target {
	if !slices.Contains(groups, group) {
		return nil
	}
	return []Target{{ID: id, Groups: slices.Clone(groups)}}
}

// Setter is the shape of most services: one call sets the whole list.
type Setter func(ctx context.Context, cfg aws.Config, r Resource, t Target, groups []string) error

// SwapWith builds Move from a setter: nothing is called when the target
// no longer holds from.
func SwapWith(set Setter) func(ctx context.Context, cfg aws.Config, r Resource, t Target, from, to string) error {
	return func(ctx context.Context, cfg aws.Config, r Resource, t Target, from, to string) error {
		next, ok := Swap(t.Groups, from, to)
		if !ok {
			return nil
		}
		return set(ctx, cfg, r, t, next)
	}
}

// FillOrSwapWith is SwapWith for a list whose emptiness means the VPC's
// default group (an awsvpc task naming no group): a target recorded empty
// gets [to]; rollback sets it empty again. Targets records an empty list
// only for a resource that runs in from (RunsIn).
func FillOrSwapWith(set Setter) func(ctx context.Context, cfg aws.Config, r Resource, t Target, from, to string) error {
	swap := SwapWith(set)
	return func(ctx context.Context, cfg aws.Config, r Resource, t Target, from, to string) error {
		if len(t.Groups) == 0 {
			return set(ctx, cfg, r, t, []string{to})
		}
		return swap(ctx, cfg, r, t, from, to)
	}
}

// RestoreWith builds Restore from a setter: the recorded list is set again.
func RestoreWith(set Setter) func(ctx context.Context, cfg aws.Config, r Resource, t Target) error {
	return func(ctx context.Context, cfg aws.Config, r Resource, t Target) error {
		return set(ctx, cfg, r, t, t.Groups)
	}
}

// OpErr names the operation that failed; the apply runner adds the account
// and region (awsx.Locate).
func OpErr(op string, err error) error {
	if err == nil {
		return nil
	}
	return &awsx.OpError{Operation: op, Err: err}
}

// SettleError is an asynchronous change that the service reports failed.
type SettleError struct{ Reason string }

func (e *SettleError) Error() string {
	if e.Reason == "" {
		return "the service reports the change failed"
	}
	return "the service reports the change failed: " + e.Reason
}
