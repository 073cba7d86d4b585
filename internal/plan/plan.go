// Package plan computes steps 3 and 4 of the job as data: for every default
// group that has users, a replacement group (its rules copied, a rule naming
// the default group itself rewritten to name the replacement), the rules to
// add to groups that reference the default group, and one move per user —
// through the owning service's API, or a manual step when the resource is
// managed by a stack or cannot be changed in place. A plan records a
// fingerprint of the state it was computed from, so a stale plan is refused.
package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
	"time"

	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/sgrule"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// SchemaVersion identifies the plan file format. v2 keys every move and
// manual step by its resource kind.
const SchemaVersion = "defaultsg.plan/v2"

// Plan is the versioned plan file.
type Plan struct {
	Schema          string    `json:"schema"`
	ToolVersion     string    `json:"tool_version"`
	CreatedAt       time.Time `json:"created_at"`
	Fingerprint     string    `json:"fingerprint"`
	AcceptedUnknown []string  `json:"accepted_unknown"`
	// The scope the plan was computed for; apply re-reads exactly this.
	Regions        []string      `json:"regions,omitempty"`
	VpcIDs         []string      `json:"vpc_ids,omitempty"`
	GroupIDs       []string      `json:"group_ids,omitempty"`
	Replacements   []Replacement `json:"replacements"`
	ReferenceRules []RefRule     `json:"reference_rules"`
	Moves          []Move        `json:"moves"`
	Manual         []Manual      `json:"manual"`
	// Refreshes are offered, never started unless apply is asked to
	// (--refresh): they replace running instances and cannot be undone.
	Refreshes []Refresh `json:"refreshes,omitempty"`
}

// Refresh replaces what a user that moves with its parent runs (an Auto
// Scaling group's instances, after its launch template moved).
type Refresh struct {
	Account        string        `json:"account"`
	Region         string        `json:"region"`
	DefaultGroupID string        `json:"default_group_id"`
	Kind           resource.Kind `json:"kind"`
	ResourceType   string        `json:"resource_type"`
	ResourceID     string        `json:"resource_id"`
	ARN            string        `json:"arn,omitempty"`
	// Parent is the resource id of the move it follows.
	Parent string `json:"parent"`
	API    string `json:"api"`
}

// Replacement is a group to create in place of one default group.
type Replacement struct {
	Account        string            `json:"account"`
	Region         string            `json:"region"`
	VpcID          string            `json:"vpc_id"`
	VpcName        string            `json:"vpc_name,omitempty"`
	DefaultGroupID string            `json:"default_group_id"`
	Name           string            `json:"name"`
	Description    string            `json:"description"`
	Tags           map[string]string `json:"tags"`
	Rules          []Rule            `json:"rules"`
	// ExistingID is the replacement an earlier apply made (tagged
	// defaultsg:replaces): this plan keeps it as it is instead of creating
	// one, and moves only the users still on the default group.
	ExistingID string `json:"existing_id,omitempty"`
}

// Rule is a rule of a replacement group. Self marks a rule that named the
// default group itself; it names the replacement once that exists.
type Rule struct {
	sgrule.Rule
	Self bool `json:"self,omitempty"`
}

// RefRule adds, to a group whose rule names a default group, the same rule
// naming the replacement (the old rule stays until close).
type RefRule struct {
	Account        string      `json:"account"`
	Region         string      `json:"region"`
	GroupID        string      `json:"group_id"`
	DefaultGroupID string      `json:"default_group_id"`
	Rule           sgrule.Rule `json:"rule"`
}

// Move is one user moved through its service's API: replace the default
// group by the replacement in the resource's group list, keeping the others.
type Move struct {
	Account        string        `json:"account"`
	Region         string        `json:"region"`
	DefaultGroupID string        `json:"default_group_id"`
	Kind           resource.Kind `json:"kind"`
	Service        string        `json:"service"`
	ResourceType   string        `json:"resource_type"`
	ResourceID     string        `json:"resource_id"`
	ARN            string        `json:"arn,omitempty"`
	Detail         string        `json:"detail,omitempty"`
	API            string        `json:"api"`
	Change         usage.Change  `json:"change"`
}

// Manual is a user the tool does not move itself, with instructions.
type Manual struct {
	Account        string        `json:"account"`
	Region         string        `json:"region"`
	DefaultGroupID string        `json:"default_group_id"`
	Kind           resource.Kind `json:"kind"`
	ResourceType   string        `json:"resource_type"`
	ResourceID     string        `json:"resource_id"`
	ManagedBy      string        `json:"managed_by,omitempty"`
	Instructions   string        `json:"instructions"`
	// Locations are the template lines that reference the default group
	// (from `plan --iac-scan`), as "file:line resource path (rule)".
	Locations []string `json:"locations,omitempty"`
}

// Fingerprint hashes the state a plan depends on: every default group's
// rules and every usage, in a canonical order. Rule ids are left out (a
// restore changes them without changing the state); anything else changing
// makes the plan stale.
func Fingerprint(groups []inventory.Group, usages []usage.Usage) string {
	type g struct {
		ID    string
		Rules []string
	}
	var gs []g
	for _, grp := range groups {
		var keys []string
		for _, r := range grp.Rules {
			keys = append(keys, r.Key()+"|"+r.Description)
		}
		sort.Strings(keys)
		gs = append(gs, g{grp.Account + "/" + grp.Region + "/" + grp.GroupID, keys})
	}
	sort.Slice(gs, func(i, j int) bool { return gs[i].ID < gs[j].ID })
	var us []string
	for _, u := range usages {
		us = append(us, u.Account+"/"+u.Region+"/"+u.GroupID+"/"+string(u.Kind)+"/"+u.Finder+"/"+u.ResourceID+"/"+u.Detail)
	}
	sort.Strings(us)
	b, _ := json.Marshal(struct {
		G []g
		U []string
	}{gs, us})
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}
