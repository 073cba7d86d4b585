package sim

// maxRulesPerDirection is EC2's default quota of rules per group and
// direction.
const maxRulesPerDirection = 60

func authorize(egress bool) ec2Op {
	return func(c *call, st *regionState) (any, *apiError) {
		g, e := st.groupParam(c.Form)
		if e != nil {
			return nil, e
		}
		perms, e := ipPermissions(c.Form)
		if e != nil {
			return nil, e
		}
		if len(perms) == 0 {
			return nil, missingParameter("IpPermissions")
		}
		var added []SecurityGroupRule
		seen := map[string]bool{}
		for _, p := range perms {
			if len(p.sources) == 0 {
				return nil, invalidParameterValue("Each IpPermission needs at least one of IpRanges, Ipv6Ranges, PrefixListIds or UserIdGroupPairs")
			}
			for _, src := range p.sources {
				if e := st.resolveRef(g, &src, true); e != nil {
					return nil, e
				}
				r, e := newRule(g, egress, p, src)
				if e != nil {
					return nil, e
				}
				if k := ruleKey(r); seen[k] || hasRule(g, r) {
					return nil, notFound("InvalidPermission.Duplicate", "the specified rule \"%s\" already exists", describeRule(r))
				} else {
					seen[k] = true
				}
				added = append(added, r)
			}
		}
		if len(g.side(egress))+len(added) > maxRulesPerDirection {
			return nil, notFound("RulesPerSecurityGroupLimitExceeded", "The maximum number of rules per security group has been reached.")
		}
		out := &struct {
			ec2Meta
			Return bool                      `xml:"return"`
			Rules  items[xSecurityGroupRule] `xml:"securityGroupRuleSet"`
		}{Return: true}
		for _, r := range added {
			r.ID = st.ids.next("sgr")
			r.Tags = tagSpecs(c.Form, "security-group-rule")
			g.Rules = append(g.Rules, r)
			out.Rules.Item = append(out.Rules.Item, st.xRule(g, r))
		}
		return out, nil
	}
}

// resolveRef completes a group peer: a GroupName becomes its id in the
// group's VPC, a missing UserId is the caller's account, and a group in
// another VPC needs a peering connection. strict (authorize) also requires
// the referenced group to exist; revoke only needs its id to match.
func (st *regionState) resolveRef(g *SecurityGroup, src *source, strict bool) *apiError {
	ref := src.group
	if ref == nil {
		return nil
	}
	if ref.GroupID == "" && src.groupName != "" {
		t := st.groupByName(g.VpcID, src.groupName)
		if t == nil {
			return notFound("InvalidGroup.NotFound", "The security group '%s' does not exist", src.groupName)
		}
		ref.GroupID = t.ID
	}
	if ref.GroupID == "" {
		return missingParameter("groupId")
	}
	if ref.UserID == "" {
		ref.UserID = st.account
	}
	if ref.VpcPeeringConnectionID != "" {
		ref.PeeringStatus = "active"
	}
	if ref.UserID != st.account {
		return nil // another account's group: not visible from here
	}
	t := st.groups[ref.GroupID]
	switch {
	case t == nil && strict:
		return notFound("InvalidGroup.NotFound", "The security group '%s' does not exist", ref.GroupID)
	case t == nil:
		return nil
	case t.VpcID == g.VpcID:
		ref.VpcID, ref.VpcPeeringConnectionID, ref.PeeringStatus = "", "", ""
	case ref.VpcPeeringConnectionID == "" && strict:
		return notFound("InvalidGroup.NotFound", "You have specified two resources that belong to different networks.")
	default:
		ref.VpcID = t.VpcID
	}
	return nil
}

type xRevokedRule struct {
	SecurityGroupRuleID string `xml:"securityGroupRuleId"`
	GroupID             string `xml:"groupId"`
	IsEgress            bool   `xml:"isEgress"`
	IPProtocol          string `xml:"ipProtocol"`
	FromPort            int32  `xml:"fromPort"`
	ToPort              int32  `xml:"toPort"`
	CidrIPv4            string `xml:"cidrIpv4,omitempty"`
	CidrIPv6            string `xml:"cidrIpv6,omitempty"`
	PrefixListID        string `xml:"prefixListId,omitempty"`
	ReferencedGroupID   string `xml:"referencedGroupId,omitempty"`
	Description         string `xml:"description,omitempty"`
}

type revokeResult struct {
	ec2Meta
	Return  bool                  `xml:"return"`
	Unknown *items[xIPPermission] `xml:"unknownIpPermissionSet,omitempty"`
	Revoked items[xRevokedRule]   `xml:"revokedSecurityGroupRuleSet"`
}

func revoke(egress bool) ec2Op {
	return func(c *call, st *regionState) (any, *apiError) {
		g, e := st.groupParam(c.Form)
		if e != nil {
			return nil, e
		}
		ruleIDs := list(c.Form, "SecurityGroupRuleId")
		perms, e := ipPermissions(c.Form)
		if e != nil {
			return nil, e
		}
		var gone map[string]bool
		var unknown []SecurityGroupRule
		switch {
		case len(ruleIDs) > 0 && len(perms) > 0:
			return nil, invalidParameterCombination("The parameter SecurityGroupRuleIds cannot be used with the parameter IpPermissions")
		case len(ruleIDs) > 0:
			gone, e = st.matchIDs(g, egress, ruleIDs)
		case len(perms) > 0:
			gone, unknown, e = st.matchPermissions(g, egress, perms)
		default:
			return nil, missingParameter("IpPermissions")
		}
		if e != nil {
			return nil, e
		}
		if len(unknown) > 0 && !st.vpcs[g.VpcID].IsDefault {
			return nil, notFound("InvalidPermission.NotFound", "The specified rule does not exist in this security group.")
		}
		out := &revokeResult{Return: true, Revoked: items[xRevokedRule]{Item: []xRevokedRule{}}}
		kept := g.Rules[:0:0]
		for _, r := range g.Rules {
			if !gone[r.ID] {
				kept = append(kept, r)
				continue
			}
			x := xRevokedRule{SecurityGroupRuleID: r.ID, GroupID: g.ID, IsEgress: r.Egress, IPProtocol: r.Protocol,
				FromPort: r.FromPort, ToPort: r.ToPort, CidrIPv4: r.CidrIPv4, CidrIPv6: r.CidrIPv6,
				PrefixListID: r.PrefixListID, Description: r.Description}
			if r.Group != nil {
				x.ReferencedGroupID = r.Group.GroupID
			}
			out.Revoked.Item = append(out.Revoked.Item, x)
		}
		g.Rules = kept
		if len(unknown) > 0 {
			u := xPermissions(unknown)
			out.Unknown = &u
		}
		return out, nil
	}
}

// matchIDs finds every id on the right side of g, or fails without
// revoking anything.
func (st *regionState) matchIDs(g *SecurityGroup, egress bool, ids []string) (map[string]bool, *apiError) {
	gone := map[string]bool{}
	for _, id := range ids {
		if !validID(id, "sgr") {
			return nil, notFound("InvalidSecurityGroupRuleId.Malformed", "The security group rule ID '%s' is malformed", id)
		}
		found := false
		for _, r := range g.Rules {
			found = found || (r.ID == id && r.Egress == egress)
		}
		if !found {
			return nil, notFound("InvalidSecurityGroupRuleId.NotFound", "The security group rule ID '%s' does not exist", id)
		}
		gone[id] = true
	}
	return gone, nil
}

// matchPermissions matches each source of perms exactly (protocol, ports,
// peer; not the description) against g's rules on one side.
func (st *regionState) matchPermissions(g *SecurityGroup, egress bool, perms []permission) (map[string]bool, []SecurityGroupRule, *apiError) {
	byKey := map[string]string{}
	for _, r := range g.Rules {
		byKey[ruleKey(r)] = r.ID
	}
	gone := map[string]bool{}
	var unknown []SecurityGroupRule
	for _, p := range perms {
		for _, src := range p.sources {
			if e := st.resolveRef(g, &src, false); e != nil {
				return nil, nil, e
			}
			r, e := newRule(g, egress, p, src)
			if e != nil {
				return nil, nil, e
			}
			if id, ok := byKey[ruleKey(r)]; ok {
				gone[id] = true
			} else {
				unknown = append(unknown, r)
			}
		}
	}
	return gone, unknown, nil
}
