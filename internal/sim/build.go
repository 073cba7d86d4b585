package sim

import (
	"sort"
	"time"
)

// build turns the scenario into state. It runs before the server serves,
// so it needs no locks.
func (s *Server) build() error {
	s.keys = map[string]string{}
	s.states = map[stateKey]*regionState{}
	s.regions = map[string][]RegionSpec{}
	for i, a := range s.sc.AccountSpecs {
		s.accounts = append(s.accounts, a.ID)
		s.keys[a.accessKey()] = a.ID
		regions := s.sc.regionsOf(a)
		s.regions[a.ID] = regions
		for _, r := range regions {
			if !r.enabled() {
				continue
			}
			st := newRegionState(a.ID, r.Name)
			s.states[stateKey{a.ID, r.Name}] = st
			b := &builder{sc: s.sc, st: st, res: a.Resources[r.Name],
				at: path{"accounts", i, "resources", r.Name}, vpcNames: map[string]string{}, subnetNames: map[string]string{}}
			if err := b.build(); err != nil {
				return err
			}
		}
	}
	if err := s.checkBucketNames(); err != nil {
		return err
	}
	if s.sc.hasOrg() {
		s.org = newOrgModel(s.sc)
	}
	return nil
}

// created is when every scenario resource was created, for the
// CreatedTime-like members AWS always sends.
var created = time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)

// builder builds one account-region and resolves scenario-local names.
type builder struct {
	sc          *Scenario
	st          *regionState
	res         RegionResources
	at          path
	defaultVPC  string
	vpcNames    map[string]string // scenario name -> id
	subnetNames map[string]string
	pending     []pendingRules
}

func (b *builder) errAt(p path, format string, args ...any) error {
	return b.sc.errAt(append(append(path{}, b.at...), p...), format, args...)
}

func (b *builder) build() error {
	hasDefault := false
	for _, v := range b.res.VPCs {
		hasDefault = hasDefault || v.Default
	}
	if !hasDefault && (b.res.DefaultVPC == nil || *b.res.DefaultVPC) {
		spec := VPCSpec{Default: true, CIDR: "172.31.0.0/16", DefaultGroup: b.res.DefaultGroup}
		if err := b.addVPC(spec, path{"default_vpc"}, path{"default_group"}); err != nil {
			return err
		}
	} else if b.res.DefaultGroup != nil {
		return b.errAt(path{"default_group"}, "default_group needs a default VPC (use vpcs[].default_group instead)")
	}
	for i, v := range b.res.VPCs {
		if err := b.addVPC(v, path{"vpcs", i}, path{"vpcs", i, "default_group"}); err != nil {
			return err
		}
	}
	if err := b.addGroups(); err != nil {
		return err
	}
	if err := b.addInterfaces(); err != nil {
		return err
	}
	for _, svc := range services {
		if svc.build == nil {
			continue
		}
		if err := svc.build(b); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) pinOrNext(id, prefix string, at path) (string, error) {
	if id == "" {
		return b.st.ids.next(prefix), nil
	}
	if !validID(id, prefix) {
		return "", b.errAt(at, "id %q does not look like %s-<hex>", id, prefix)
	}
	if !b.st.ids.pin(id) {
		return "", b.errAt(at, "id %q is used twice", id)
	}
	return id, nil
}

// tagsOf turns a YAML tag map into sorted tags, with name as the Name tag
// unless the map has one.
func tagsOf(m map[string]string, name string) []Tag {
	var tags []Tag
	for k, v := range m {
		tags = append(tags, Tag{k, v})
	}
	if _, ok := m["Name"]; !ok && name != "" {
		tags = append(tags, Tag{"Name", name})
	}
	sort.Slice(tags, func(i, j int) bool { return tags[i].Key < tags[j].Key })
	return tags
}
