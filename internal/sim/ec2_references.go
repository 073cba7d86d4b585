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
	for _, r := range st.app.references {
		if want[r.GroupID] {
			out.References.Item = append(out.References.Item, xReference{GroupID: r.GroupID,
				ReferencingVpcID: r.ReferencingVpcID, VpcPeeringConnectionID: r.PeeringID, TransitGatewayID: r.TransitGatewayID})
		}
	}
	return out, nil
}
