// Package verify proves step 5: for every interface apply moved, the traffic
// its groups allowed before the move is still allowed after it, and nothing
// more. Before is the interface's previous groups (the default group's rules
// as the plan recorded them, the other groups' rules as they are now);
// after is its current groups' rules. A rule naming the default group and
// the same rule naming its replacement are the same flow, because every
// member of one is now a member of the other.
package verify

import (
	"fmt"
	"sort"

	"github.com/defaultsg/defaultsg/internal/plan"
	"github.com/defaultsg/defaultsg/internal/sgrule"
)

// Flow is one allowed traffic shape: direction, protocol, ports, peer.
type Flow string

// Interface is one moved interface and what changed for it.
type Interface struct {
	Account    string `json:"account"`
	Region     string `json:"region"`
	Resource   string `json:"resource"`
	Interface  string `json:"interface"`
	Lost       []Flow `json:"lost"`
	Gained     []Flow `json:"gained"`
	Equivalent bool   `json:"equivalent"`
	GroupsNow  string `json:"groups_now"`
}

// Compare computes the flows of before and after and their differences.
// replacementOf maps a default group id to its replacement id (and is used
// to normalise peers); planned holds the plan's rules per default group.
func Compare(before, after []string, rulesOf func(group string) []sgrule.Rule, planned map[string][]plan.Rule, replacementOf map[string]string) (lost, gained []Flow) {
	b := flows(before, rulesOf, planned, replacementOf)
	a := flows(after, rulesOf, nil, replacementOf)
	for f := range b {
		if !a[f] {
			lost = append(lost, f)
		}
	}
	for f := range a {
		if !b[f] {
			gained = append(gained, f)
		}
	}
	sort.Slice(lost, func(i, j int) bool { return lost[i] < lost[j] })
	sort.Slice(gained, func(i, j int) bool { return gained[i] < gained[j] })
	return lost, gained
}

func flows(groups []string, rulesOf func(string) []sgrule.Rule, planned map[string][]plan.Rule, replacementOf map[string]string) map[Flow]bool {
	out := map[Flow]bool{}
	for _, g := range groups {
		if pr, ok := planned[g]; ok {
			// A default group before the move: its rules as the plan saw
			// them, its self rule being the replacement's.
			for _, r := range pr {
				rule := r.Rule
				if r.Self {
					rule.Group = &sgrule.GroupRef{GroupID: replacementOf[g]}
				}
				out[flowOf(rule, replacementOf)] = true
			}
			continue
		}
		for _, r := range rulesOf(g) {
			out[flowOf(r, replacementOf)] = true
		}
	}
	return out
}

func flowOf(r sgrule.Rule, replacementOf map[string]string) Flow {
	peer := r.Peer("")
	if r.Group != nil {
		id := r.Group.GroupID
		if repl, ok := replacementOf[id]; ok {
			id = repl
		}
		peer = "group " + id
	}
	n := r
	n.CidrIPv4, n.CidrIPv6, n.PrefixList, n.Group, n.Description = "", "", "", nil, ""
	return Flow(fmt.Sprintf("%s %s %s", r.Direction(), n.Ports(), peer))
}
