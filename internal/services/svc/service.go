// Package svc is what every service package under internal/services is made
// of: a Service lists its resource kinds (each with its display name and
// either a Mover or a manual step), its usage finders, the interface
// signatures that attribute a network interface to one of its kinds, and its
// create calls that fall back to the default group. The small helpers that
// several services share (group matching, tags, subnet → VPC resolution,
// group-list swapping) live here too, so no service borrows from another.
package svc

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Service is everything the tool knows about one AWS service.
type Service struct {
	// Name is the service's IAM namespace (ec2, lambda, rds, ...).
	Name string
	// Kinds are the resource kinds the service's finders and signatures
	// report.
	Kinds []KindDef
	// Finders read the service's resources; listed in report order.
	Finders []usage.Finder
	// Signatures attribute a network interface to one of Kinds.
	Signatures []Signature
	// Fallbacks are create calls that silently place a new resource in the
	// VPC's default group when the caller names no group.
	Fallbacks []string
}

// KindDef describes one resource kind: how it is shown and how a user of
// this kind is moved off a default group.
type KindDef struct {
	Kind resource.Kind
	// Name is the display name, e.g. "RDS DB cluster". It is derived from
	// the kind for every report and never parsed back.
	Name string
	// Mover moves it through the service's API; nil when apply cannot.
	Mover *Mover
	// Manual is the step shown when there is no Mover (or the user is
	// managed elsewhere): the API call that would move it, or a whole
	// instruction for kinds that need one.
	Manual Manual
	// MovedWith are the kinds of the parent whose move moves a user of this
	// kind (usage.Usage.Parent names it): a cluster member moves with its
	// cluster.
	MovedWith []resource.Kind
	// Refresh, for a kind that moves with its parent, replaces what it
	// runs so that it takes the parent's new groups (Refresher).
	Refresh *Refresher
}

// Manual says how a person moves a user that apply does not move itself.
type Manual struct {
	// API is the call of the owning service that changes the groups, quoted
	// in the step ("rds:ModifyDBProxy").
	API string
	// Text, when set, is the whole instruction; it receives the usage.
	Text func(u usage.Usage) string
	// Recreate: the groups are fixed at creation, so only a new resource
	// with the replacement group moves it.
	Recreate bool
	// Redeploy: the resource is immutable or short-lived; what replaces it
	// (a new version, deployment, task or build) takes the new group.
	Redeploy bool
}

// Defined reports whether m says anything at all.
func (m Manual) Defined() bool { return m.API != "" || m.Text != nil || m.Recreate || m.Redeploy }
