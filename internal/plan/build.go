package plan

import (
	"fmt"
	"sort"
	"strings"

	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/sgrule"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// DefaultNameTemplate names a replacement after its VPC. Placeholders:
// {vpc} (Name tag, else id), {vpc_id}, {region}, {group_id}.
const DefaultNameTemplate = "{vpc}-default-replacement"

// Input is what Build needs; the caller reads it from AWS.
type Input struct {
	Groups []inventory.Group
	Usage  usage.Result
	// Referencing maps a group id that references a default group to its
	// current rules (read with DescribeSecurityGroupRules).
	Referencing  map[string][]sgrule.Rule
	NameTemplate string
	Tags         map[string]string
	Accepted     []string
	// Existing maps "account/region/default group id" to the replacement an
	// earlier apply made (inventory.Replacements).
	Existing map[string]string
}

// Build computes the plan. Groups without users get nothing: close alone
// is enough for them.
func Build(in Input) *Plan {
	p := &Plan{Schema: SchemaVersion, AcceptedUnknown: append([]string{}, in.Accepted...),
		Replacements: []Replacement{}, ReferenceRules: []RefRule{}, Moves: []Move{}, Manual: []Manual{}}
	p.Fingerprint = Fingerprint(in.Groups, in.Usage.Usages)
	tmpl := in.NameTemplate
	if tmpl == "" {
		tmpl = DefaultNameTemplate
	}
	for _, g := range in.Groups {
		v := in.Usage.Verdict(g.Account, g.Region, g.GroupID)
		if !v.InUse() {
			continue
		}
		rp := replacementFor(g, tmpl, in.Tags)
		rp.ExistingID = in.Existing[g.Account+"/"+g.Region+"/"+g.GroupID]
		p.Replacements = append(p.Replacements, rp)
		seen := map[string]bool{}
		for _, u := range v.Users {
			switch {
			case u.Kind == usage.KindReference:
				p.ReferenceRules = append(p.ReferenceRules, refRules(g, u, in.Referencing[u.ResourceID], rp.ExistingID)...)
			case coveredByService(u, v.Users):
				// The owning resource is moved through its service (or is a
				// manual step of its own); its interfaces follow. What it
				// runs already may need replacing: offered as a refresh.
				if rf, ok := refreshFor(u); ok && !seen["refresh/"+rf.ResourceID] {
					seen["refresh/"+rf.ResourceID] = true
					p.Refreshes = append(p.Refreshes, rf)
				}
			default:
				m, ok := moveFor(u)
				id := string(u.ResourceKind) + "/" + u.ResourceID
				if !ok {
					id += "/" + u.Detail
				}
				if seen[id] {
					continue // one resource, several usages: one step
				}
				seen[id] = true
				if ok {
					p.Moves = append(p.Moves, m)
				} else {
					p.Manual = append(p.Manual, manualFor(u))
				}
			}
		}
	}
	sort.SliceStable(p.Moves, func(i, j int) bool { return p.Moves[i].ResourceID < p.Moves[j].ResourceID })
	return p
}

func replacementFor(g inventory.Group, tmpl string, extra map[string]string) Replacement {
	vpc := g.VpcName
	if vpc == "" {
		vpc = g.VpcID
	}
	name := strings.NewReplacer("{vpc}", vpc, "{vpc_id}", g.VpcID, "{region}", g.Region, "{group_id}", g.GroupID).Replace(tmpl)
	tags := map[string]string{"defaultsg:replaces": g.GroupID, "Name": name}
	for k, v := range extra {
		tags[k] = v
	}
	r := Replacement{Account: g.Account, Region: g.Region, VpcID: g.VpcID, VpcName: g.VpcName,
		DefaultGroupID: g.GroupID, Name: name, Tags: tags,
		Description: fmt.Sprintf("Replaces default group %s of %s (defaultsg)", g.GroupID, vpc)}
	for _, rule := range g.Rules {
		pr := Rule{Rule: rule}
		pr.RuleID = ""
		if rule.Group != nil && rule.Group.GroupID == g.GroupID {
			pr.Self, pr.Group = true, nil
		}
		r.Rules = append(r.Rules, pr)
	}
	return r
}

// refRules copies, for the replacement, every rule of the referencing group
// that names the default group — but not one an earlier apply already
// copied for the existing replacement.
func refRules(g inventory.Group, u usage.Usage, rules []sgrule.Rule, existing string) []RefRule {
	copied := map[string]bool{}
	for _, r := range rules {
		if r.Group != nil && existing != "" && r.Group.GroupID == existing {
			copied[peerless(r)] = true
		}
	}
	var out []RefRule
	for _, r := range rules {
		if r.Group == nil || r.Group.GroupID != g.GroupID || copied[peerless(r)] {
			continue
		}
		nr := r
		nr.RuleID = ""
		nr.Group = &sgrule.GroupRef{GroupID: "", UserID: r.Group.UserID}
		out = append(out, RefRule{Account: g.Account, Region: g.Region, GroupID: u.ResourceID, DefaultGroupID: g.GroupID, Rule: nr})
	}
	return out
}

// peerless is a rule's key without its peer group: a rule and its copy
// naming the replacement have the same one.
func peerless(r sgrule.Rule) string {
	r.RuleID, r.Description, r.Group = "", "", nil
	return r.Key()
}
