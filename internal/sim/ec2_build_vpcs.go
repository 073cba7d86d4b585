package sim

import (
	"fmt"
	"net/netip"
)

// The EC2 foundation every service builds on: VPCs and their subnets.

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
