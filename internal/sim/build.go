package sim

import (
	"fmt"
	"net/netip"
	"sort"
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
	if s.sc.hasOrg() {
		s.org = newOrgModel(s.sc)
	}
	return nil
}

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
	if err := b.addServices(); err != nil {
		return err
	}
	if err := b.addApps(); err != nil {
		return err
	}
	if err := b.addJobs(); err != nil {
		return err
	}
	if err := b.addAnalytics(); err != nil {
		return err
	}
	return b.addConfigRules()
}

func (b *builder) addVPC(v VPCSpec, at, groupAt path) error {
	st := b.st
	cidr, err := netip.ParsePrefix(v.CIDR)
	if err != nil || !cidr.Addr().Is4() {
		return b.errAt(append(at, "cidr"), "VPC cidr %q is not an IPv4 CIDR", v.CIDR)
	}
	id, err := b.pinOrNext(v.ID, "vpc", append(at, "id"))
	if err != nil {
		return err
	}
	if v.Default && b.defaultVPC != "" {
		return b.errAt(append(at, "default"), "a region has at most one default VPC")
	}
	vpc := &Vpc{ID: id, OwnerID: st.account, CidrBlock: cidr.String(), IsDefault: v.Default, Tags: tagsOf(v.Tags, v.Name)}
	switch v.IPv6 {
	case "":
	case "auto", "true":
		vpc.Ipv6CidrBlock = fmt.Sprintf("2600:1f%s:%s:%s00::/56", st.ids.hexN("v6a", 2), st.ids.hexN("v6b", 4), st.ids.hexN("v6c", 2))
	default:
		p, err := netip.ParsePrefix(v.IPv6)
		if err != nil || p.Addr().Is4() {
			return b.errAt(append(at, "ipv6"), "ipv6 %q is not an IPv6 CIDR or \"auto\"", v.IPv6)
		}
		vpc.Ipv6CidrBlock = p.String()
	}
	st.vpcs[id] = vpc
	if v.Name != "" {
		if _, dup := b.vpcNames[v.Name]; dup {
			return b.errAt(append(at, "name"), "duplicate VPC name %q", v.Name)
		}
		b.vpcNames[v.Name] = id
	}
	if v.Default {
		b.defaultVPC = id
	}
	if err := b.addSubnets(vpc, v, at); err != nil {
		return err
	}
	return b.addDefaultGroup(vpc, v.DefaultGroup, groupAt)
}

// addSubnets adds the listed subnets; a default VPC without any gets AWS's
// default subnets (a /20 per zone), another VPC one subnet spanning it.
func (b *builder) addSubnets(vpc *Vpc, v VPCSpec, at path) error {
	specs := v.Subnets
	if len(specs) == 0 && v.Default {
		for i, az := range []string{"a", "b", "c"} {
			specs = append(specs, SubnetSpec{CIDR: fmt.Sprintf("172.31.%d.0/20", 16*i), AZ: az})
		}
		if vpc.CidrBlock != "172.31.0.0/16" {
			specs = []SubnetSpec{{CIDR: vpc.CidrBlock, AZ: "a"}}
		}
	} else if len(specs) == 0 {
		specs = []SubnetSpec{{CIDR: vpc.CidrBlock, AZ: "a"}}
	}
	for i, sn := range specs {
		sat := append(append(path{}, at...), "subnets", i)
		p, err := netip.ParsePrefix(sn.CIDR)
		if err != nil || !p.Addr().Is4() {
			return b.errAt(append(sat, "cidr"), "subnet cidr %q is not an IPv4 CIDR", sn.CIDR)
		}
		id, err := b.pinOrNext(sn.ID, "subnet", append(sat, "id"))
		if err != nil {
			return err
		}
		az := sn.AZ
		if az == "" {
			az = "a"
		}
		if len(az) == 1 {
			az = b.st.region + az
		}
		b.st.subnets[id] = &Subnet{ID: id, VpcID: vpc.ID, OwnerID: b.st.account, CidrBlock: p.String(),
			AvailabilityZone: az, DefaultForAz: v.Default && len(v.Subnets) == 0, Tags: tagsOf(sn.Tags, sn.Name)}
		if sn.Name != "" {
			b.subnetNames[sn.Name] = id
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
