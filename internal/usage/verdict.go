package usage

import (
	"fmt"
	"strings"
)

// Verdict is what the engine concludes for one default group.
type Verdict struct {
	GroupID string
	Users   []Usage
	// Gaps are the cells of the group's account-region that could not be
	// checked; any gap makes the usage unknown.
	Gaps []Coverage
	// Accepted are unknown cells the user accepted with --accept-unknown.
	Accepted []Coverage
}

// Members are the users that are in the group (live or latent): what makes
// a group used.
func (v Verdict) Members() []Usage {
	var out []Usage
	for _, u := range v.Users {
		if u.Kind != KindReference {
			out = append(out, u)
		}
	}
	return out
}

// References are other groups' rules that name the group. What such a rule
// allows is traffic to or from the group's members, so with no member left
// revoking the group's own rules breaks nothing through it: a reference
// alone never makes a group used. It is stale then, and safe to remove.
func (v Verdict) References() []Usage {
	var out []Usage
	for _, u := range v.Users {
		if u.Kind == KindReference {
			out = append(out, u)
		}
	}
	return out
}

// InUse reports whether anything is in the group.
func (v Verdict) InUse() bool { return len(v.Members()) > 0 }

// Unknown reports whether usage could not be fully determined.
func (v Verdict) Unknown() bool { return len(v.Gaps) > 0 }

// Blocks reports whether the group must not be closed.
func (v Verdict) Blocks() bool { return v.InUse() || v.Unknown() }

// State is "used", "usage unknown" or "unused".
func (v Verdict) State() string {
	switch {
	case v.InUse():
		return "used"
	case v.Unknown():
		return "usage unknown"
	}
	return "unused"
}

// Reason explains a blocking verdict in one line.
func (v Verdict) Reason() string {
	var parts []string
	if m := v.Members(); len(m) > 0 {
		n, first := len(m), m[0]
		s := fmt.Sprintf("used by %s %s", first.ResourceType, first.ResourceID)
		if n > 1 {
			s += fmt.Sprintf(" and %d more", n-1)
		}
		parts = append(parts, s)
	}
	if len(v.Gaps) > 0 {
		names := make([]string, len(v.Gaps))
		for i, g := range v.Gaps {
			names[i] = g.Finder
		}
		parts = append(parts, "usage unknown: could not check "+strings.Join(names, ", "))
	}
	return strings.Join(parts, "; ")
}

// Verdict returns the verdict for one group of account/region.
func (r Result) Verdict(account, region, groupID string) Verdict {
	v := Verdict{GroupID: groupID}
	if r.usersOf == nil {
		r.index() // a result built by hand
	}
	for _, i := range r.usersOf[[3]string{account, region, groupID}] {
		v.Users = append(v.Users, r.Usages[i])
	}
	for _, i := range r.gapsOf[[2]string{account, region}] {
		switch c := r.Coverage[i]; c.Status {
		case StatusUnknown:
			v.Gaps = append(v.Gaps, c)
		case StatusAccepted:
			v.Accepted = append(v.Accepted, c)
		}
	}
	return v
}
