package sim

// updateRuleDescriptions serves UpdateSecurityGroupRuleDescriptionsIngress
// and ...Egress (botocore ec2 2016-11-15): GroupId or GroupName, and either
// IpPermissions (each peer matched exactly like a revoke; its Description,
// or none, becomes the rule's) or SecurityGroupRuleDescription.N.{SecurityGroupRuleId,Description}.
// Every rule is found before any description changes.
func updateRuleDescriptions(egress bool) ec2Op {
	return func(c *call, st *regionState) (any, *apiError) {
		g, e := st.groupParam(c.Form)
		if e != nil {
			return nil, e
		}
		perms, e := ipPermissions(c.Form)
		if e != nil {
			return nil, e
		}
		byID := indexes(c.Form, "SecurityGroupRuleDescription")
		set := map[string]string{} // rule id -> new description
		switch {
		case len(perms) > 0 && len(byID) > 0:
			return nil, invalidParameterCombination("The parameter SecurityGroupRuleDescriptions cannot be used with the parameter IpPermissions")
		case len(byID) > 0:
			for _, i := range byID {
				p := item("SecurityGroupRuleDescription", i)
				id := c.Form.Get(p + "SecurityGroupRuleId")
				r := ruleByID(g, egress, id)
				if r == nil {
					return nil, notFound("InvalidSecurityGroupRuleId.NotFound", "The security group rule ID '%s' does not exist", id)
				}
				set[r.ID] = c.Form.Get(p + "Description")
			}
		case len(perms) > 0:
			for _, p := range perms {
				for _, src := range p.sources {
					if e := st.resolveRef(g, &src, false); e != nil {
						return nil, e
					}
					want, e := newRule(g, egress, p, src)
					if e != nil {
						return nil, e
					}
					r := ruleByKey(g, ruleKey(want))
					if r == nil {
						return nil, notFound("InvalidPermission.NotFound", "The specified rule does not exist in this security group.")
					}
					set[r.ID] = src.description
				}
			}
		default:
			return nil, missingParameter("IpPermissions")
		}
		for i := range g.Rules {
			if d, ok := set[g.Rules[i].ID]; ok {
				g.Rules[i].Description = d
			}
		}
		return &ec2Return{Return: true}, nil
	}
}

func ruleByID(g *SecurityGroup, egress bool, id string) *SecurityGroupRule {
	for i := range g.Rules {
		if g.Rules[i].ID == id && g.Rules[i].Egress == egress {
			return &g.Rules[i]
		}
	}
	return nil
}

func ruleByKey(g *SecurityGroup, key string) *SecurityGroupRule {
	for i := range g.Rules {
		if ruleKey(g.Rules[i]) == key {
			return &g.Rules[i]
		}
	}
	return nil
}
