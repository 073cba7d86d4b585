package plan

import (
	"fmt"
	"io"
	"strings"
)

// WriteText renders the plan the way terraform plan does: + create,
// ~ change, ! manual.
func WriteText(w io.Writer, p *Plan) error {
	var b strings.Builder
	repl := map[string]string{}
	for _, r := range p.Replacements {
		repl[r.Account+"/"+r.Region+"/"+r.DefaultGroupID] = r.Name
		if r.ExistingID != "" {
			repl[r.Account+"/"+r.Region+"/"+r.DefaultGroupID] = r.ExistingID
		}
	}
	existing := 0
	for _, r := range p.Replacements {
		if r.ExistingID != "" {
			existing++
			fmt.Fprintf(&b, "= keep security group %s in %s %s (%s), which an earlier apply made to replace %s; its rules are left as they are\n",
				r.ExistingID, r.Account, r.Region, r.VpcID, r.DefaultGroupID)
			continue
		}
		fmt.Fprintf(&b, "+ create security group %q in %s %s (%s), replacing %s\n", r.Name, r.Account, r.Region, r.VpcID, r.DefaultGroupID)
		for _, rule := range r.Rules {
			s := rule.Summary("")
			if rule.Self {
				// The peer is the new group itself: the default group's
				// self rule, rewritten.
				s = strings.Replace(s, " ?", " self", 1) + " (rewritten from the default group's self rule)"
			}
			fmt.Fprintf(&b, "    + %s\n", s)
		}
	}
	for _, rr := range p.ReferenceRules {
		name := repl[rr.Account+"/"+rr.Region+"/"+rr.DefaultGroupID]
		s := strings.Replace(rr.Rule.Summary(""), " "+rr.Rule.Peer(""), " "+name, 1)
		fmt.Fprintf(&b, "~ add to %s (%s): %s (copy of its rule naming %s)\n", rr.GroupID, rr.Region, s, rr.DefaultGroupID)
	}
	for _, m := range p.Moves {
		name := repl[m.Account+"/"+m.Region+"/"+m.DefaultGroupID]
		fmt.Fprintf(&b, "~ move %s %s (%s): %s → %s, other groups kept, via %s\n", m.ResourceType, m.ResourceID, m.Region, m.DefaultGroupID, name, m.API)
	}
	for _, rf := range p.Refreshes {
		fmt.Fprintf(&b, "? offer: %s %s (%s) launches into the replacement once %s moves; its running instances keep %s until replaced: "+
			"apply --refresh starts %s (cannot be undone by rollback)\n", rf.ResourceType, rf.ResourceID, rf.Region, rf.Parent, rf.DefaultGroupID, rf.API)
	}
	for _, m := range p.Manual {
		fmt.Fprintf(&b, "! manual: %s %s (%s): %s\n", m.ResourceType, m.ResourceID, m.Region, m.Instructions)
		for _, loc := range m.Locations {
			fmt.Fprintf(&b, "    template: %s\n", loc)
		}
	}
	fmt.Fprintf(&b, "\nPlan: %d groups to create, %d rules to add to referencing groups, %d users to move, %d manual steps.\n",
		len(p.Replacements)-existing, len(p.ReferenceRules), len(p.Moves), len(p.Manual))
	if existing > 0 {
		fmt.Fprintf(&b, "%d replacement groups from an earlier apply are kept.\n", existing)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
