package sim

import (
	"net/netip"
	"sort"
)

func (b *builder) addInterfaces() error {
	st := b.st
	for i, spec := range b.res.NetworkInterfaces {
		at := path{"network_interfaces", i}
		vpcID, err := b.vpcOf(spec.VPC, append(at, "vpc"))
		if err != nil {
			return err
		}
		sn, err := b.subnetOf(vpcID, spec.Subnet, append(at, "subnet"))
		if err != nil {
			return err
		}
		var groups []string
		for j, name := range spec.Groups {
			g := st.groups[name]
			if g == nil {
				g = b.findGroup(vpcID, name)
			}
			if g == nil || g.VpcID != vpcID {
				return b.errAt(append(at, "groups", j), "no group %q in the interface's VPC %s", name, vpcID)
			}
			groups = append(groups, g.ID)
		}
		if len(spec.Groups) == 0 {
			groups = []string{st.groupByName(vpcID, "default").ID}
		}
		if len(groups) > maxGroupsPerInterface {
			return b.errAt(append(at, "groups"), "more than %d groups", maxGroupsPerInterface)
		}
		id, err := b.pinOrNext(spec.ID, "eni", append(at, "id"))
		if err != nil {
			return err
		}
		n := st.newInterface(id, sn, groups)
		n.Description, n.RequesterID, n.RequesterManaged = spec.Description, spec.RequesterID, spec.RequesterManaged
		if spec.InterfaceType != "" {
			n.InterfaceType = spec.InterfaceType
		}
		if a := spec.Attachment; a != nil {
			owner := a.InstanceOwnerID
			if owner == "" {
				owner = st.account
			}
			n.Attachment = &Attachment{ID: "eni-attach-" + st.ids.hexN("attach", 17), InstanceID: a.InstanceID,
				InstanceOwnerID: owner, Status: "attached"}
			n.Status = "in-use"
		}
		if spec.Status != "" {
			n.Status = spec.Status
		}
		n.Tags = tagsOf(spec.Tags, "")
		st.enis[id] = n
	}
	return nil
}

// subnetOf resolves a subnet name or id in the VPC; "" is the VPC's first
// subnet by zone and CIDR.
func (b *builder) subnetOf(vpcID, ref string, at path) (*Subnet, error) {
	if ref != "" {
		id := ref
		if named, ok := b.subnetNames[ref]; ok {
			id = named
		}
		sn := b.st.subnets[id]
		if sn == nil || sn.VpcID != vpcID {
			return nil, b.errAt(at, "no subnet %q in VPC %s", ref, vpcID)
		}
		return sn, nil
	}
	var all []*Subnet
	for _, sn := range b.st.subnets {
		if sn.VpcID == vpcID {
			all = append(all, sn)
		}
	}
	if len(all) == 0 {
		return nil, b.errAt(at, "VPC %s has no subnet", vpcID)
	}
	sort.Slice(all, func(i, j int) bool {
		return all[i].AvailabilityZone+all[i].CidrBlock < all[j].AvailabilityZone+all[j].CidrBlock
	})
	return all[0], nil
}

// nextAddress hands out subnet addresses from .4 up (AWS reserves the first
// four), wrapping in tiny subnets rather than failing.
func (st *regionState) nextAddress(sn *Subnet) string {
	p, err := netip.ParsePrefix(sn.CidrBlock)
	if err != nil {
		return ""
	}
	used := 0
	for _, n := range st.enis {
		if n.SubnetID == sn.ID {
			used++
		}
	}
	size := 1 << min(32-p.Bits(), 20)
	offset := 4 + used%max(size-5, 1)
	a := p.Masked().Addr()
	for range offset {
		a = a.Next()
	}
	return a.String()
}
