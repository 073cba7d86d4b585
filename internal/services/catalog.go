package services

import (
	"slices"
	"strings"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Entry is what the tool knows about one resource kind: how it is found
// and how a user of it leaves a default group. `usage --list-finders`
// prints it and docs/COVERAGE.md is generated from it.
type Entry struct {
	Kind    resource.Kind `json:"kind"`
	Name    string        `json:"name"`
	Service string        `json:"service"`
	// Finders are the finders that report the kind, the network-interface
	// finder among them when an interface signature attributes it.
	Finders []FinderInfo `json:"finders"`
	// Signature: the kind's network interfaces are recognised.
	Signature bool `json:"interface_signature"`
	Move      Move `json:"move"`
}

// FinderInfo is one finder as the catalog shows it.
type FinderInfo struct {
	Name  string   `json:"name"`
	Reads string   `json:"reads"`
	IAM   []string `json:"iam"`
}

// Move says how a user of a kind is moved: by apply (Mover, with the
// API and IAM actions it calls) or by a person (Manual).
type Move struct {
	Mover  bool     `json:"mover"`
	API    string   `json:"api,omitempty"`
	IAM    []string `json:"iam,omitempty"`
	Manual string   `json:"manual,omitempty"`
}

// Catalog lists every kind of every service, in All's order.
func Catalog() []Entry {
	finders := Finders()
	var out []Entry
	for _, s := range All {
		for _, d := range s.Kinds {
			e := Entry{Kind: d.Kind, Name: d.Name, Service: s.Name, Finders: []FinderInfo{}, Move: moveOf(Def{KindDef: d, Service: s.Name})}
			_, e.Signature = Signature(d.Kind)
			for _, f := range finders {
				if slices.Contains(f.Kinds, d.Kind) {
					e.Finders = append(e.Finders, FinderInfo{Name: f.Name, Reads: f.Reads, IAM: f.IAM})
				}
			}
			out = append(out, e)
		}
	}
	return out
}

func moveOf(d Def) Move {
	m := d.Manual
	switch {
	case d.Mover != nil:
		return Move{Mover: true, API: d.Mover.API, IAM: d.Mover.IAM}
	case m.Text != nil:
		// The step is written per user; shown here for a placeholder one.
		return Move{Manual: m.Text(usage.Usage{ResourceKind: d.Kind, ResourceType: d.Name, Service: d.Service,
			ResourceID: "<resource>", GroupID: "<default group>", Detail: "<detail>"})}
	case m.API != "":
		return Move{Manual: "call " + m.API + " with the replacement group"}
	case m.Recreate:
		return Move{Manual: "recreate: the groups are fixed at creation"}
	case m.Redeploy:
		return Move{Manual: "redeploy: the next version, task or build takes the replacement group"}
	}
	return Move{}
}

// String is the move in one line, for tables.
func (m Move) String() string {
	if m.Mover {
		return "apply: " + m.API
	}
	return "manual: " + strings.TrimPrefix(m.Manual, "call ")
}
