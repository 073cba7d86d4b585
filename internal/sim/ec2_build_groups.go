package sim

import (
	"strconv"
	"strings"
)

// pendingRules are resolved after every group exists, so rules can refer
// to groups declared later.
type pendingRules struct {
	group           *SecurityGroup
	ingress, egress []RuleSpec
	at              path
}

func (b *builder) addDefaultGroup(vpc *Vpc, spec *DefaultGroupSpec, at path) error {
	if spec == nil {
		spec = &DefaultGroupSpec{}
	}
	id, err := b.pinOrNext(spec.ID, "sg", append(at, "id"))
	if err != nil {
		return err
	}
	g := &SecurityGroup{ID: id, Name: "default", Description: "default VPC security group",
		VpcID: vpc.ID, OwnerID: b.st.account, Tags: tagsOf(spec.Tags, "")}
	b.st.groups[id] = g
	ingress, egress := spec.Ingress, spec.Egress
	if ingress == nil {
		ingress = []RuleSpec{{Group: "self"}}
	}
	if egress == nil {
		egress = defaultEgress(vpc)
	}
	b.pending = append(b.pending, pendingRules{g, ingress, egress, at})
	return nil
}

// defaultEgress is AWS's egress rule for new groups: all traffic to
// 0.0.0.0/0, and to ::/0 when the VPC has an IPv6 CIDR.
func defaultEgress(vpc *Vpc) []RuleSpec {
	rules := []RuleSpec{{CIDR: "0.0.0.0/0"}}
	if vpc.Ipv6CidrBlock != "" {
		rules = append(rules, RuleSpec{IPv6CIDR: "::/0"})
	}
	return rules
}

func (b *builder) addGroups() error {
	for i, gs := range b.res.SecurityGroups {
		at := path{"security_groups", i}
		vpcID, err := b.vpcOf(gs.VPC, append(at, "vpc"))
		if err != nil {
			return err
		}
		if gs.Name == "" || gs.Name == "default" || strings.HasPrefix(gs.Name, "sg-") {
			return b.errAt(append(at, "name"), "group name %q is empty, reserved or looks like an id", gs.Name)
		}
		if b.st.groupByName(vpcID, gs.Name) != nil {
			return b.errAt(append(at, "name"), "duplicate group name %q in %s", gs.Name, vpcID)
		}
		id, err := b.pinOrNext(gs.ID, "sg", append(at, "id"))
		if err != nil {
			return err
		}
		desc := gs.Description
		if desc == "" {
			desc = gs.Name
		}
		g := &SecurityGroup{ID: id, Name: gs.Name, Description: desc, VpcID: vpcID,
			OwnerID: b.st.account, Tags: tagsOf(gs.Tags, "")}
		b.st.groups[id] = g
		egress := gs.Egress
		if egress == nil {
			egress = defaultEgress(b.st.vpcs[vpcID])
		}
		b.pending = append(b.pending, pendingRules{g, gs.Ingress, egress, at})
	}
	for _, p := range b.pending {
		for _, side := range []struct {
			egress bool
			key    string
			specs  []RuleSpec
		}{{false, "ingress", p.ingress}, {true, "egress", p.egress}} {
			for j, rs := range side.specs {
				if err := b.addRule(p.group, side.egress, rs, append(append(path{}, p.at...), side.key, j)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// vpcOf resolves a scenario VPC name; "" is the default VPC.
func (b *builder) vpcOf(name string, at path) (string, error) {
	if name == "" {
		if b.defaultVPC == "" {
			return "", b.errAt(at, "no vpc given and the region has no default VPC")
		}
		return b.defaultVPC, nil
	}
	if id, ok := b.vpcNames[name]; ok {
		return id, nil
	}
	if _, ok := b.st.vpcs[name]; ok {
		return name, nil
	}
	return "", b.errAt(at, "unknown VPC %q", name)
}

func (b *builder) addRule(g *SecurityGroup, egress bool, rs RuleSpec, at path) error {
	proto := rs.Protocol
	if proto == "" {
		proto = "-1"
	}
	perm := permission{protocol: proto}
	if rs.Ports != "" {
		lo, hi, ok := strings.Cut(rs.Ports, "-")
		if !ok {
			hi = lo
		}
		f, err1 := strconv.ParseInt(strings.TrimSpace(lo), 10, 32)
		t, err2 := strconv.ParseInt(strings.TrimSpace(hi), 10, 32)
		if err1 != nil || err2 != nil {
			return b.errAt(append(at, "ports"), "ports %q: want N or N-M", rs.Ports)
		}
		from, to := int32(f), int32(t)
		perm.fromPort, perm.toPort = &from, &to
	}
	src := source{cidr4: rs.CIDR, cidr6: rs.IPv6CIDR, prefixList: rs.PrefixList, description: rs.Description}
	if rs.Group != "" {
		ref, err := b.groupRef(g, rs, at)
		if err != nil {
			return err
		}
		src.group = ref
	}
	r, apiErr := newRule(g, egress, perm, src)
	if apiErr != nil {
		return b.errAt(at, "%s", apiErr.Message)
	}
	if rs.ID != "" {
		id, err := b.pinOrNext(rs.ID, "sgr", append(at, "id"))
		if err != nil {
			return err
		}
		r.ID = id
	} else {
		r.ID = b.st.ids.next("sgr")
	}
	r.Tags = tagsOf(rs.Tags, "")
	if hasRule(g, r) {
		return b.errAt(at, "duplicate rule in group %s", g.Name)
	}
	g.Rules = append(g.Rules, r)
	return nil
}

// groupRef resolves "self", a scenario group name ("vpc/name" when the
// name alone is ambiguous) or a literal sg- id.
func (b *builder) groupRef(g *SecurityGroup, rs RuleSpec, at path) (*GroupRef, error) {
	owner := rs.GroupOwner
	if owner == "" {
		owner = b.st.account
	}
	ref := &GroupRef{UserID: owner, VpcID: rs.GroupVPC, VpcPeeringConnectionID: rs.Peering}
	if rs.Peering != "" {
		ref.PeeringStatus = "active"
	}
	var target *SecurityGroup
	switch {
	case rs.Group == "self":
		target = g
	case strings.HasPrefix(rs.Group, "sg-"):
		ref.GroupID = rs.Group
		target = b.st.groups[rs.Group]
		if owner != b.st.account {
			return ref, nil // another account: cannot be checked here
		}
		if target == nil {
			return nil, b.errAt(append(at, "group"), "group %s does not exist in %s/%s (set group_owner for another account)", rs.Group, b.st.account, b.st.region)
		}
	default:
		target = b.findGroup(g.VpcID, rs.Group)
		if target == nil {
			return nil, b.errAt(append(at, "group"), "unknown or ambiguous group %q (use vpc/name)", rs.Group)
		}
	}
	ref.GroupID = target.ID
	if target.VpcID != g.VpcID {
		if rs.Peering == "" {
			return nil, b.errAt(append(at, "group"), "group %s is in another VPC; set peering: pcx-... for a peered reference", rs.Group)
		}
		ref.VpcID = target.VpcID
	}
	return ref, nil
}

func (b *builder) findGroup(vpcID, name string) *SecurityGroup {
	if vpcName, gname, ok := strings.Cut(name, "/"); ok {
		id, err := b.vpcOf(vpcName, nil)
		if err != nil {
			return nil
		}
		return b.st.groupByName(id, gname)
	}
	if g := b.st.groupByName(vpcID, name); g != nil {
		return g
	}
	var found *SecurityGroup
	for _, g := range b.st.groups {
		if g.Name == name {
			if found != nil {
				return nil
			}
			found = g
		}
	}
	return found
}

func (st *regionState) groupByName(vpcID, name string) *SecurityGroup {
	for _, g := range st.groups {
		if g.VpcID == vpcID && g.Name == name {
			return g
		}
	}
	return nil
}
