package sim

func (b *builder) addEventRules() error {
	seen := map[string]bool{}
	for i, r := range b.res.EventRules {
		at := path{"event_rules", i}
		bus := r.Bus
		if bus == "" {
			bus = "default"
		}
		if err := b.unique(seen, bus+"/"+r.Name, at); err != nil {
			return err
		}
		resource := "rule/" + r.Name
		if bus != "default" {
			resource = "rule/" + bus + "/" + r.Name
		}
		rule := eventRule{Name: r.Name, ARN: b.arn("events", resource), Bus: bus, Schedule: r.Schedule}
		for j, t := range r.ECSTargets {
			tat := append(append(path{}, at...), "ecs_targets", j)
			if t.ID == "" {
				return b.errAt(append(tat, "id"), "id is required")
			}
			p := t.Placement
			if p.Groups == nil {
				p.Groups = []string{} // PutTargets without groups: the default group at run time
			}
			_, net, err := b.optionalNet(p, tat)
			if err != nil {
				return err
			}
			cluster := t.Cluster
			if cluster == "" {
				cluster = "default"
			}
			rule.Targets = append(rule.Targets, eventTarget{ID: t.ID, ClusterARN: b.arn("ecs", "cluster/"+cluster), Net: *net})
		}
		b.st.app.rules = append(b.st.app.rules, rule)
	}
	return nil
}

func (b *builder) addGlue() error {
	seen := map[string]bool{}
	for i, c := range b.res.GlueConnections {
		at := path{"glue_connections", i}
		if err := b.unique(seen, c.Name, at); err != nil {
			return err
		}
		typ := c.Type
		if typ == "" {
			typ = "JDBC"
		}
		gc := glueConnection{Name: c.Name, Type: typ}
		if c.Groups != nil || c.Subnet != "" {
			vpcID, ids, err := b.placed(c.Placement, false, at)
			if err != nil {
				return err
			}
			sn, err := b.subnetOf(vpcID, c.Subnet, append(at, "subnet"))
			if err != nil {
				return err
			}
			gc.SubnetID, gc.AZ, gc.Groups = sn.ID, sn.AvailabilityZone, ids
		}
		b.st.app.glue = append(b.st.app.glue, gc)
	}
	return nil
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
		b.st.app.references = append(b.st.app.references, sgReference{GroupID: g.ID,
			ReferencingVpcID: r.ReferencingVPC, PeeringID: r.Peering, TransitGatewayID: r.TransitGateway})
	}
	return nil
}
