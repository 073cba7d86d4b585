// Package usage is the engine that finds everything using a default security
// group: live network interfaces, latent configurations that will create
// interfaces later, and other groups' rules that reference it. Finders (one
// per AWS service, in package finders) are plain functions listed once; the
// engine runs them over account × region × finder in one bounded pool and
// records, for every cell, whether it was checked, skipped or unknown.
// A group with an unknown cell is never "unused".
package usage

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/defaultsg/defaultsg/internal/resource"
)

// Kind says how a resource uses a group.
type Kind string

const (
	KindLive      Kind = "live"      // an existing network interface carries the group
	KindLatent    Kind = "latent"    // a configuration will create interfaces with it later
	KindReference Kind = "reference" // another group's rule names it
)

// Change says how a user can be moved to another group.
type Change string

const (
	ChangeInPlace     Change = "in-place"
	ChangeDeployment  Change = "deployment"
	ChangeReplacement Change = "replacement"
	ChangeUnknown     Change = "unknown"
)

// Usage is one user of one default group.
type Usage struct {
	Account string `json:"account"`
	Region  string `json:"region"`
	GroupID string `json:"group_id"`
	Kind    Kind   `json:"kind"`
	Finder  string `json:"finder"`
	// ResourceKind is what every join is made on; Service and ResourceType
	// are derived from it for display (the services registry fills them).
	ResourceKind resource.Kind `json:"resource_kind"`
	Service      string        `json:"service"`
	ResourceType string        `json:"resource_type"`
	ResourceID   string        `json:"resource_id"`
	ARN          string        `json:"arn,omitempty"`
	Detail       string        `json:"detail,omitempty"`
	ManagedBy    string        `json:"managed_by,omitempty"`
	Change       Change        `json:"change"`
	// Parent is the resource this one belongs to and moves with, when it
	// cannot be moved on its own (an Aurora cluster's member instance).
	Parent string `json:"parent,omitempty"`
	// Interface is the network interface a live usage was seen on, when
	// the usage comes from an interface rather than its owner's own API.
	Interface string `json:"interface,omitempty"`
	// Unattributed is set for an interface whose owner could not be
	// determined; it always blocks close.
	Unattributed bool `json:"unattributed,omitempty"`
}

// Target is what a finder looks for in one account-region.
type Target struct {
	Account  string
	Region   string
	GroupIDs []string          // default group ids in this region
	VpcOf    map[string]string // group id → VPC id
	// DefaultVPCGroup is the default group of the region's default VPC, the
	// one a security group *name* "default" resolves to (launch templates,
	// launch configurations, RunInstances by name).
	DefaultVPCGroup string
}

// Has reports whether id is one of the target groups.
func (t Target) Has(id string) bool {
	for _, g := range t.GroupIDs {
		if g == id {
			return true
		}
	}
	return false
}

// Finder checks one kind of resource.
type Finder struct {
	// Name is stable: used by --accept-unknown and in reports.
	Name string
	// Service is the AWS service namespace (ec2, lambda, codebuild, ...).
	Service string
	// Reads says in words what the finder reads.
	Reads string
	// IAM lists every action the finder calls (for iam-policy).
	IAM []string
	// Kinds are the resource kinds the finder reports.
	Kinds []resource.Kind
	// Find returns the usages of t's groups. An error means the finder could
	// not complete: the engine classifies it (the service's endpoint does
	// not exist while EC2 answers → skipped, see notoffered.go; anything
	// else → unknown).
	Find func(ctx context.Context, cfg aws.Config, t Target) ([]Usage, error)
}
