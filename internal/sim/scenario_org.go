package sim

import "slices"

// OrgSpec is `organization:`: the scenario's accounts as one AWS
// Organization. Every scenario account is a member; accounts no OU lists
// sit directly under the root.
type OrgSpec struct {
	// ID is the organization id ("o-" + 10 lowercase alphanumerics);
	// default derived from the management account.
	ID string `yaml:"id"`
	// ManagementAccount may call Organizations' List* actions; default the
	// first account.
	ManagementAccount string   `yaml:"management_account"`
	OUs               []OUSpec `yaml:"ous"`
	// Suspended accounts are listed with State/Status SUSPENDED, and their
	// roles cannot be assumed.
	Suspended []string `yaml:"suspended"`
}

// OUSpec is one organizational unit.
type OUSpec struct {
	Name string `yaml:"name"`
	// ID is "ou-<root suffix>-<8 alphanumerics>"; default derived from Name.
	ID string `yaml:"id"`
	// Parent is another OU's name or id; "" is the root.
	Parent   string   `yaml:"parent"`
	Accounts []string `yaml:"accounts"`
}

// hasOrg reports whether the scenario has an organization: an explicit
// block, or a generated one.
func (sc *Scenario) hasOrg() bool { return sc.Organization != nil || sc.Generate != nil }

// validateOrg checks the organization's references: the management account,
// OU parents (no cycles), and that each account is in at most one OU.
func (sc *Scenario) validateOrg() error {
	if g := sc.Generate; g != nil {
		if msg := g.validate(); msg != "" {
			return sc.errAt(path{"generate"}, "%s", msg)
		}
	}
	o := sc.Organization
	if o == nil {
		return nil
	}
	at := path{"organization"}
	known := map[string]bool{}
	for _, a := range sc.AccountSpecs {
		known[a.ID] = true
	}
	if o.ManagementAccount != "" && !known[o.ManagementAccount] {
		return sc.errAt(append(at, "management_account"), "account %s is not in accounts", o.ManagementAccount)
	}
	for i, id := range o.Suspended {
		if !known[id] {
			return sc.errAt(append(at, "suspended", i), "account %s is not in accounts", id)
		}
	}
	names, placed := map[string]int{}, map[string]bool{}
	for i, ou := range o.OUs {
		if ou.Name == "" {
			return sc.errAt(append(at, "ous", i), "an OU needs a name")
		}
		if _, dup := names[ou.Name]; dup {
			return sc.errAt(append(at, "ous", i, "name"), "duplicate OU name %q", ou.Name)
		}
		names[ou.Name] = i
		if ou.ID != "" {
			names[ou.ID] = i
		}
		for j, id := range ou.Accounts {
			if !known[id] || placed[id] {
				return sc.errAt(append(at, "ous", i, "accounts", j), "account %s is unknown or already in another OU", id)
			}
			placed[id] = true
		}
	}
	for i, ou := range o.OUs {
		// Walk up the parents: a chain longer than the OU count is a cycle.
		seen, p := 0, ou.Parent
		for p != "" {
			j, ok := names[p]
			if !ok {
				return sc.errAt(append(at, "ous", i, "parent"), "parent %q is not an OU name or id", p)
			}
			if seen++; seen > len(o.OUs) {
				return sc.errAt(append(at, "ous", i, "parent"), "OU parents form a cycle")
			}
			p = o.OUs[j].Parent
		}
	}
	return nil
}

// assumable reports whether the account's roles may be assumed at all.
func (sc *Scenario) assumable(a AccountSpec) bool {
	if a.Assumable != nil && !*a.Assumable {
		return false
	}
	return sc.Organization == nil || !slices.Contains(sc.Organization.Suspended, a.ID)
}
