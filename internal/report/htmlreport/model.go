// Package htmlreport renders defaultsg's JSON reports (audit, usage, close,
// plan) as one self-contained HTML page: the numbers at the top, an
// account × region heat map of EC2.2 status, per-group details on click
// (rules, users, who manages them, the planned move) and the coverage gaps.
// The page needs no network: styles, script and data are inlined.
package htmlreport

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Status of one default group, worst last.
type Status string

const (
	StatusPass    Status = "pass"    // no rule: EC2.2 passes
	StatusFail    Status = "fail"    // has rules, nothing uses it: close can fix it
	StatusUsed    Status = "used"    // has rules and users: move them first
	StatusUnknown Status = "unknown" // could not look (a finder or the region)
)

var rank = map[Status]int{StatusPass: 0, StatusFail: 1, StatusUsed: 2, StatusUnknown: 3}

// Model is what the page shows.
type Model struct {
	Title    string   `json:"title"`
	Sources  []string `json:"sources"`
	Accounts []string `json:"accounts"`
	Regions  []string `json:"regions"`
	Groups   []*Group `json:"groups"`
	// Unread are account-regions that could not be read at all.
	Unread []Gap `json:"unread"`
	// Gaps are the finders that could not look, per account-region.
	Gaps []Gap `json:"gaps"`
}

// Group is one default group.
type Group struct {
	Account   string   `json:"account"`
	Region    string   `json:"region"`
	VpcID     string   `json:"vpc_id"`
	VpcName   string   `json:"vpc_name,omitempty"`
	GroupID   string   `json:"group_id"`
	Status    Status   `json:"status"`
	Rules     []string `json:"rules"`
	Users     []User   `json:"users"`
	Moves     []string `json:"moves"`
	Outcome   string   `json:"outcome,omitempty"`
	rulesSeen bool
}

// User is one user of a group, as the page lists it.
type User struct {
	Kind      string `json:"kind"`
	Resource  string `json:"resource"`
	ManagedBy string `json:"managed_by,omitempty"`
	Change    string `json:"change,omitempty"`
}

// Gap is something that could not be read in one account-region.
type Gap struct {
	Account string `json:"account"`
	Region  string `json:"region"`
	What    string `json:"what"`
	Error   string `json:"error,omitempty"`
}

// Counts are the numbers at the top of the page.
type Counts struct {
	Groups, Pass, Fail, Used, Unknown int
}

// Counts tallies the groups by status.
func (m *Model) Counts() Counts {
	c := Counts{Groups: len(m.Groups)}
	for _, g := range m.Groups {
		switch g.Status {
		case StatusPass:
			c.Pass++
		case StatusFail:
			c.Fail++
		case StatusUsed:
			c.Used++
		default:
			c.Unknown++
		}
	}
	return c
}

// Load builds the model from JSON reports, in the order given: a later
// report adds to an earlier one (usage after audit adds users; a plan adds
// the moves; close updates the outcome).
func Load(names []string, docs [][]byte) (*Model, error) {
	m := &Model{Title: "Default security groups (Security Hub EC2.2)"}
	byID := map[string]*Group{}
	group := func(account, region, id string) *Group {
		k := account + "/" + region + "/" + id
		if g := byID[k]; g != nil {
			return g
		}
		g := &Group{Account: account, Region: region, GroupID: id, Status: StatusPass, Rules: []string{}, Users: []User{}, Moves: []string{}}
		byID[k] = g
		m.Groups = append(m.Groups, g)
		return g
	}
	for i, doc := range docs {
		kind, err := loadOne(doc, group, m)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", names[i], err)
		}
		m.Sources = append(m.Sources, names[i]+" ("+kind+")")
	}
	m.finish()
	return m, nil
}

type rule struct {
	Egress      bool   `json:"egress"`
	Protocol    string `json:"protocol"`
	FromPort    int    `json:"from_port"`
	ToPort      int    `json:"to_port"`
	CidrIPv4    string `json:"cidr_ipv4"`
	CidrIPv6    string `json:"cidr_ipv6"`
	PrefixList  string `json:"prefix_list_id"`
	Description string `json:"description"`
	Referenced  *struct {
		GroupID string `json:"group_id"`
		UserID  string `json:"user_id"`
	} `json:"referenced_group"`
}

func (r rule) String() string {
	dir, peerWord := "inbound", "from"
	if r.Egress {
		dir, peerWord = "outbound", "to"
	}
	what := "all traffic"
	if r.Protocol != "-1" && r.Protocol != "" {
		what = r.Protocol
		switch {
		case r.FromPort >= 0 && r.FromPort == r.ToPort:
			what += fmt.Sprintf("/%d", r.FromPort)
		case r.FromPort >= 0:
			what += fmt.Sprintf("/%d-%d", r.FromPort, r.ToPort)
		}
	}
	peer := r.CidrIPv4 + r.CidrIPv6 + r.PrefixList
	if r.Referenced != nil {
		peer = r.Referenced.GroupID
	}
	s := dir + " " + what + " " + peerWord + " " + peer
	if r.Description != "" {
		s += fmt.Sprintf(" (%q)", r.Description)
	}
	return s
}

// report holds the fields of every report kind this package reads.
type report struct {
	Schema string `json:"schema"`
	Groups []struct {
		Account      string `json:"account"`
		Region       string `json:"region"`
		VpcID        string `json:"vpc_id"`
		VpcName      string `json:"vpc_name"`
		GroupID      string `json:"group_id"`
		Rules        []rule `json:"rules"`
		Compliant    *bool  `json:"compliant"`
		State        string `json:"state"`
		Outcome      string `json:"outcome"`
		RulesRevoked int    `json:"rules_revoked"`
		Users        []struct {
			Kind         string `json:"kind"`
			ResourceType string `json:"resource_type"`
			ResourceID   string `json:"resource_id"`
			ManagedBy    string `json:"managed_by"`
			Change       string `json:"change"`
		} `json:"users"`
	} `json:"groups"`
	Coverage []struct {
		Account string `json:"account"`
		Region  string `json:"region"`
		Finder  string `json:"finder"`
		Status  string `json:"status"`
		Error   string `json:"error"`
	} `json:"coverage"`
	Problems []struct {
		Account   string `json:"account"`
		Region    string `json:"region"`
		Operation string `json:"operation"`
		Message   string `json:"message"`
	} `json:"problems"`
	// A plan.
	Moves []struct {
		Account, Region string
		DefaultGroupID  string `json:"default_group_id"`
		ResourceType    string `json:"resource_type"`
		ResourceID      string `json:"resource_id"`
		API             string `json:"api"`
	} `json:"moves"`
	Manual []struct {
		Account, Region string
		DefaultGroupID  string `json:"default_group_id"`
		ResourceType    string `json:"resource_type"`
		ResourceID      string `json:"resource_id"`
		Instructions    string `json:"instructions"`
	} `json:"manual"`
}

func loadOne(doc []byte, group func(a, r, id string) *Group, m *Model) (string, error) {
	var rep report
	if err := json.Unmarshal(doc, &rep); err != nil {
		return "", fmt.Errorf("not a defaultsg JSON report: %w", err)
	}
	kind := strings.TrimPrefix(strings.Split(rep.Schema, "/")[0], "defaultsg.")
	if kind == "" {
		kind = "close"
		if len(rep.Groups) == 0 {
			return "", fmt.Errorf("not a defaultsg JSON report (no schema, no groups)")
		}
	}
	switch kind {
	case "audit", "usage", "close", "plan":
	default:
		return "", fmt.Errorf("a %s report cannot be shown (want audit, usage, close or plan JSON)", rep.Schema)
	}
	for _, rg := range rep.Groups {
		g := group(rg.Account, rg.Region, rg.GroupID)
		if rg.VpcID != "" {
			g.VpcID = rg.VpcID
		}
		if rg.VpcName != "" {
			g.VpcName = rg.VpcName
		}
		if rg.Rules != nil {
			g.Rules, g.rulesSeen = []string{}, true
			for _, r := range rg.Rules {
				g.Rules = append(g.Rules, r.String())
			}
		}
		switch {
		case rg.Compliant != nil && *rg.Compliant:
			g.Status = StatusPass
		case rg.Compliant != nil:
			g.Status = StatusFail
		case rg.State == "used":
			g.Status = StatusUsed
		case rg.State == "usage unknown":
			g.Status = StatusUnknown
		case rg.State == "unused":
			g.Status = StatusFail
			if g.rulesSeen && len(g.Rules) == 0 {
				g.Status = StatusPass
			}
		case rg.Outcome != "":
			g.Outcome = rg.Outcome
			switch rg.Outcome {
			case "closed", "already-closed":
				g.Status, g.Rules = StatusPass, []string{}
			case "refused":
				if g.Status == StatusPass {
					g.Status = StatusUsed
				}
			default:
				g.Status = StatusFail
			}
		}
		if rg.Users != nil {
			g.Users = []User{}
			for _, u := range rg.Users {
				g.Users = append(g.Users, User{Kind: u.Kind, Resource: u.ResourceType + " " + u.ResourceID, ManagedBy: u.ManagedBy, Change: u.Change})
			}
		}
	}
	for _, mv := range rep.Moves {
		g := group(mv.Account, mv.Region, mv.DefaultGroupID)
		g.Moves = append(g.Moves, fmt.Sprintf("move %s %s via %s", mv.ResourceType, mv.ResourceID, mv.API))
	}
	for _, mn := range rep.Manual {
		g := group(mn.Account, mn.Region, mn.DefaultGroupID)
		g.Moves = append(g.Moves, fmt.Sprintf("manual: %s %s — %s", mn.ResourceType, mn.ResourceID, mn.Instructions))
	}
	for _, c := range rep.Coverage {
		if c.Status == "unknown" || c.Status == "accepted" {
			m.Gaps = append(m.Gaps, Gap{Account: c.Account, Region: c.Region, What: c.Finder + " (" + c.Status + ")", Error: c.Error})
		}
	}
	for _, p := range rep.Problems {
		m.Unread = append(m.Unread, Gap{Account: p.Account, Region: p.Region, What: p.Operation, Error: p.Message})
	}
	return kind, nil
}

// finish sorts everything and lists the accounts and regions of the map.
func (m *Model) finish() {
	accounts, regions := map[string]bool{}, map[string]bool{}
	for _, g := range m.Groups {
		accounts[g.Account], regions[g.Region] = true, true
	}
	for _, u := range m.Unread {
		if u.Account != "" {
			accounts[u.Account] = true
		}
		if u.Region != "" {
			regions[u.Region] = true
		}
	}
	m.Accounts, m.Regions = keys(accounts), keys(regions)
	sort.Slice(m.Groups, func(i, j int) bool {
		a, b := m.Groups[i], m.Groups[j]
		return a.Account+a.Region+a.VpcID+a.GroupID < b.Account+b.Region+b.VpcID+b.GroupID
	})
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
