package sim

// describeSecurityGroupReferences reports, for the given groups, the
// peered VPCs and transit-gateway attachments whose rules reference them.
// The referencing rules live in other VPCs (often other accounts), so the
// scenario states them directly (peered_references). Unknown or malformed
// ids fail as in EC2; the call is not paginated.
func describeSecurityGroupReferences(c *call, st *regionState) (any, *apiError) {
	ids := list(c.Form, "GroupId")
	if len(ids) == 0 {
		return nil, missingParameter("GroupId")
	}
	want := map[string]bool{}
	for _, id := range ids {
		if _, e := st.group(id); e != nil {
			return nil, e
		}
		want[id] = true
	}
	type xReference struct {
		GroupID                string `xml:"groupId"`
		ReferencingVpcID       string `xml:"referencingVpcId"`
		VpcPeeringConnectionID string `xml:"vpcPeeringConnectionId,omitempty"`
		TransitGatewayID       string `xml:"transitGatewayId,omitempty"`
	}
	out := &struct {
		ec2Meta
		References items[xReference] `xml:"securityGroupReferenceSet"`
	}{}
	out.References.Item = []xReference{}
	for _, r := range st.sgReferences {
		if want[r.GroupID] {
			out.References.Item = append(out.References.Item, xReference{GroupID: r.GroupID,
				ReferencingVpcID: r.ReferencingVpcID, VpcPeeringConnectionID: r.PeeringID, TransitGatewayID: r.TransitGatewayID})
		}
	}
	return out, nil
}

// PeeredReferenceSpec says a group of this region is referenced by a rule
// in a peered VPC or across a transit gateway: what
// DescribeSecurityGroupReferences reports. Exactly one of Peering and
// TransitGateway is set.
type PeeredReferenceSpec struct {
	Group          string `yaml:"group"` // name ("vpc/name" if ambiguous) or sg- id; "default" = the default VPC's
	VPC            string `yaml:"vpc"`   // VPC the group name is looked up in; omitted = the default VPC
	ReferencingVPC string `yaml:"referencing_vpc"`
	Peering        string `yaml:"peering"`
	TransitGateway string `yaml:"transit_gateway"`
}

type sgReference struct {
	GroupID, ReferencingVpcID, PeeringID, TransitGatewayID string
}

// groupIn resolves one group reference like placed does, for specs that
// name a single group.
func (b *builder) groupIn(vpc, ref string, at path) (*SecurityGroup, error) {
	vpcID, err := b.vpcOf(vpc, append(append(path{}, at...), "vpc"))
	if err != nil {
		return nil, err
	}
	g := b.st.groups[ref]
	if g == nil {
		g = b.findGroup(vpcID, ref)
	}
	if g == nil {
		return nil, b.errAt(append(append(path{}, at...), "group"), "no group %q in VPC %s", ref, vpcID)
	}
	return g, nil
}

func (b *builder) addPeeredReferences() error {
	for i, r := range b.res.PeeredReferences {
		at := path{"peered_references", i}
		g, err := b.groupIn(r.VPC, r.Group, at)
		if err != nil {
			return err
		}
		if (r.Peering == "") == (r.TransitGateway == "") {
			return b.errAt(at, "exactly one of peering and transit_gateway is required")
		}
		if r.Peering != "" && !validID(r.Peering, "pcx") {
			return b.errAt(append(at, "peering"), "peering %q does not look like pcx-<hex>", r.Peering)
		}
		if r.TransitGateway != "" && !validID(r.TransitGateway, "tgw") {
			return b.errAt(append(at, "transit_gateway"), "transit_gateway %q does not look like tgw-<hex>", r.TransitGateway)
		}
		if !validID(r.ReferencingVPC, "vpc") {
			return b.errAt(append(at, "referencing_vpc"), "referencing_vpc %q does not look like vpc-<hex>", r.ReferencingVPC)
		}
		b.st.sgReferences = append(b.st.sgReferences, sgReference{GroupID: g.ID,
			ReferencingVpcID: r.ReferencingVPC, PeeringID: r.Peering, TransitGatewayID: r.TransitGateway})
	}
	return nil
}
