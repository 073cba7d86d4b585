package sim

import (
	"fmt"
	"math/rand/v2"
)

// GenerateSpec is `generate:`: an organization of many accounts described in
// a few numbers, for scale tests and benchmarks. Generated accounts follow
// the scenario's own accounts (the first account, explicit or generated, is
// the management account) and all share one resource layout, so the
// scenario stays small whatever the account count.
type GenerateSpec struct {
	Accounts int `yaml:"accounts"`
	// Regions of every generated account; default the scenario's regions.
	Regions RegionList `yaml:"regions"`
	// InterfacesPerRegion network interfaces in each default VPC, on its
	// default group (so usage finds something to move).
	InterfacesPerRegion int `yaml:"interfaces_per_region"`
	// RulesPerDefaultGroup: omitted gives AWS's two default rules; 0 a
	// compliant group; n > 2 adds tcp ingress rules to the default two.
	RulesPerDefaultGroup *int `yaml:"rules_per_default_group"`
	// Suspended and Unassumable accounts are picked by Seed.
	Suspended   int   `yaml:"suspended"`
	Unassumable int   `yaml:"unassumable"`
	OUs         int   `yaml:"ous"` // accounts spread round-robin over this many OUs under the root
	Seed        int64 `yaml:"seed"`
	// AllServicesEverywhere offers every service in every region; by
	// default a generated organization follows AWS's regional
	// availability (availability.go).
	AllServicesEverywhere bool `yaml:"all_services_everywhere"`
	// ConfigAggregator names an organization-wide AWS Config aggregator
	// in the first generated account's first region (us-east-1 when
	// enabled); ConfigRecorderOff account-regions, picked by Seed, have
	// their recorder off (config_aggregator.go).
	ConfigAggregator  string `yaml:"config_aggregator"`
	ConfigRecorderOff int    `yaml:"config_recorder_off"`

	expanded bool
}

// generatedIDBase keeps generated ids clear of the hand-written ones
// scenarios use (111111111111, ...).
const generatedIDBase = 900000000000

// expand appends the generated accounts, once; it runs before validation so
// that generated scenarios are checked like written ones.
func (sc *Scenario) expand() {
	g := sc.Generate
	if g == nil || g.expanded || g.validate() != "" {
		return // validate reports the error
	}
	g.expanded = true
	res := g.resources()
	first := len(sc.AccountSpecs)
	for i := range g.Accounts {
		a := AccountSpec{ID: fmt.Sprintf("%012d", generatedIDBase+i+1), Regions: g.Regions, Resources: map[string]RegionResources{}}
		for _, r := range sc.regionsOf(a) {
			if r.enabled() {
				a.Resources[r.Name] = res // shared, read-only: costs one map entry
			}
		}
		sc.AccountSpecs = append(sc.AccountSpecs, a)
	}
	g.configure(sc.AccountSpecs[first:])
	if sc.Organization == nil {
		sc.Organization = &OrgSpec{}
	}
	o := sc.Organization
	for i := range g.OUs {
		o.OUs = append(o.OUs, OUSpec{Name: fmt.Sprintf("generated-%02d", i+1)})
	}
	rng := rand.New(rand.NewPCG(uint64(g.Seed), 0x06a))
	// Never suspend or lock out the management account (index 0 overall).
	picks := rng.Perm(g.Accounts)
	n := 0
	for _, p := range picks {
		i := first + p
		if i == 0 {
			continue
		}
		switch {
		case n < g.Suspended:
			o.Suspended = append(o.Suspended, sc.AccountSpecs[i].ID)
		case n < g.Suspended+g.Unassumable:
			sc.AccountSpecs[i].Assumable = new(false)
		}
		n++
	}
	if g.OUs > 0 {
		base := len(o.OUs) - g.OUs
		for p := range g.Accounts {
			ou := &o.OUs[base+p%g.OUs]
			ou.Accounts = append(ou.Accounts, sc.AccountSpecs[first+p].ID)
		}
	}
}

// resources is the one layout every generated account-region gets.
func (g *GenerateSpec) resources() RegionResources {
	var res RegionResources
	if n := g.RulesPerDefaultGroup; n != nil {
		dg := &DefaultGroupSpec{Ingress: []RuleSpec{}, Egress: []RuleSpec{}}
		if *n >= 1 {
			dg.Ingress = append(dg.Ingress, RuleSpec{Group: "self"})
		}
		if *n >= 2 {
			dg.Egress = append(dg.Egress, RuleSpec{CIDR: "0.0.0.0/0"})
		}
		for i := 2; i < *n; i++ {
			dg.Ingress = append(dg.Ingress, RuleSpec{Protocol: "tcp", Ports: fmt.Sprint(8000 + i), CIDR: "10.0.0.0/8"})
		}
		res.DefaultGroup = dg
	}
	for i := range g.InterfacesPerRegion {
		res.NetworkInterfaces = append(res.NetworkInterfaces, InterfaceSpec{Description: fmt.Sprintf("generated interface %d", i+1)})
	}
	return res
}

// validate returns what is wrong with the numbers, or "".
func (g *GenerateSpec) validate() string {
	switch {
	case g.Accounts < 1 || g.Accounts > 100000:
		return "accounts must be 1..100000"
	case g.Suspended < 0 || g.Unassumable < 0 || g.OUs < 0 || g.InterfacesPerRegion < 0:
		return "counts cannot be negative"
	case g.Suspended+g.Unassumable >= g.Accounts:
		return "suspended + unassumable must leave at least one account"
	case g.ConfigRecorderOff < 0:
		return "config_recorder_off cannot be negative"
	case g.RulesPerDefaultGroup != nil && *g.RulesPerDefaultGroup < 0:
		return "rules_per_default_group cannot be negative"
	}
	return ""
}

// configure places the aggregator and turns recorders off, in generated
// accounts only.
func (g *GenerateSpec) configure(accts []AccountSpec) {
	if g.ConfigAggregator == "" && g.ConfigRecorderOff == 0 {
		return
	}
	type cell struct {
		acct   int
		region string
	}
	var cells []cell
	for i, a := range accts {
		for _, r := range sortedKeys(a.Resources) {
			cells = append(cells, cell{i, r})
		}
	}
	if g.ConfigAggregator != "" && len(cells) > 0 {
		at := cells[0]
		if _, ok := accts[0].Resources["us-east-1"]; ok {
			at = cell{0, "us-east-1"}
		}
		rr := accts[at.acct].Resources[at.region]
		rr.ConfigAggregators = []string{g.ConfigAggregator}
		accts[at.acct].Resources[at.region] = rr
	}
	rng := rand.New(rand.NewPCG(uint64(g.Seed), 0xc0f))
	off := false
	for n, p := range rng.Perm(len(cells)) {
		if n >= g.ConfigRecorderOff {
			break
		}
		c := cells[p]
		rr := accts[c.acct].Resources[c.region]
		rr.ConfigRecorder = &ConfigRecorderSpec{Recording: &off}
		accts[c.acct].Resources[c.region] = rr
	}
}
