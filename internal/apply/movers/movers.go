// Package movers moves one resource from a default security group to its
// replacement through the owning service's own API, keeping the resource's
// other groups, and puts it back on rollback. One file per service; every
// mover is listed once in All.
//
// A move is read → record → change: Targets reads the group lists the move
// will change (an instance has one per interface, most resources one), the
// caller journals them durably, then Move swaps the default group for the
// replacement in each. Restore puts a target back exactly as recorded. A
// Move of a target that no longer carries the default group calls nothing,
// so a move resumed after a crash is idempotent.
package movers

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/defaultsg/defaultsg/internal/awsx"
)

// Resource names the resource a move changes, as the usage engine found it.
type Resource struct {
	Type string // usage resource type, e.g. "Lambda function"
	ID   string // usage resource id, e.g. the function name
	ARN  string // when the finder knew it (ELBv2, CodeBuild fleets)
}

// Target is one group list of a resource, as it was before the move.
type Target struct {
	ID     string   `json:"id"`
	Groups []string `json:"groups"`
	// Version is the launch template default version before the move;
	// rollback makes it the default again.
	Version string `json:"version,omitempty"`
}

// Mover moves one kind of resource.
type Mover struct {
	// Types are the usage resource types it moves.
	Types []string
	// API names the call that changes the groups, for plans and docs.
	API string
	// IAM lists every action Targets, Move, Restore and Settled call.
	IAM []string
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

// All lists every mover, in the order plans show their API names.
var All = []Mover{
	EC2Interfaces,
	LaunchTemplates,
	VPCEndpoints,
	LambdaFunctions,
	CodeBuildProjects,
	CodeBuildFleets,
	ECSServices,
	ELBv2LoadBalancers,
	ClassicLoadBalancers,
	RDSInstances,
	RDSClusters,
	EFSMountTargets,
	ElastiCacheClusters,
	RedshiftClusters,
}

// For returns the mover of a usage resource type.
func For(resourceType string) (Mover, bool) {
	for _, m := range All {
		if slices.Contains(m.Types, resourceType) {
			return m, true
		}
	}
	return Mover{}, false
}

// IAM returns every action of every mover.
func IAM() []string {
	var out []string
	for _, m := range All {
		out = append(out, m.IAM...)
	}
	return out
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

// idInParens returns "fsmt-1" from "fs-1 (fsmt-1)", or s when it has none.
func idInParens(s string) string {
	if i := strings.LastIndex(s, "("); i >= 0 && strings.HasSuffix(s, ")") {
		return s[i+1 : len(s)-1]
	}
	return s
}

// one is the Targets result of a resource with a single group list: empty
// when the list no longer holds group (an earlier run moved it).
func one(id string, groups []string, group string) []Target {
	if !slices.Contains(groups, group) {
		return nil
	}
	return []Target{{ID: id, Groups: slices.Clone(groups)}}
}

// setter is the shape of most services: one call sets the whole list.
type setter func(ctx context.Context, cfg aws.Config, r Resource, t Target, groups []string) error

// swapWith builds Move from a setter: nothing is called when the target
// no longer holds from.
func swapWith(set setter) func(ctx context.Context, cfg aws.Config, r Resource, t Target, from, to string) error {
	return func(ctx context.Context, cfg aws.Config, r Resource, t Target, from, to string) error {
		next, ok := Swap(t.Groups, from, to)
		if !ok {
			return nil
		}
		return set(ctx, cfg, r, t, next)
	}
}

// restoreWith builds Restore from a setter: the recorded list is set again.
func restoreWith(set setter) func(ctx context.Context, cfg aws.Config, r Resource, t Target) error {
	return func(ctx context.Context, cfg aws.Config, r Resource, t Target) error {
		return set(ctx, cfg, r, t, t.Groups)
	}
}

// opErr names the operation that failed; the apply runner adds the account
// and region (awsx.Locate).
func opErr(op string, err error) error {
	if err == nil {
		return nil
	}
	return &awsx.OpError{Operation: op, Err: err}
}
