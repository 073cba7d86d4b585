package sim

import "sort"

func describeSecurityGroupRules(c *call, st *regionState) (any, *apiError) {
	fs := filters(c.Form)
	if e := ruleFilter.check(fs); e != nil {
		return nil, e
	}
	byID := map[string]ruleRef{}
	for _, g := range st.groups {
		for _, r := range g.Rules {
			byID[r.ID] = ruleRef{g, r}
		}
	}
	candidates := sortedKeys(byID)
	if ids := list(c.Form, "SecurityGroupRuleId"); len(ids) > 0 {
		for _, id := range ids {
			if _, ok := byID[id]; !ok {
				if !validID(id, "sgr") {
					return nil, notFound("InvalidSecurityGroupRuleId.Malformed", "The security group rule ID '%s' is malformed", id)
				}
				return nil, notFound("InvalidSecurityGroupRuleId.NotFound", "The security group rule ID '%s' does not exist", id)
			}
		}
		candidates = append([]string(nil), ids...)
		sort.Strings(candidates)
	}
	var matched []string
	for i, id := range candidates {
		if (i == 0 || candidates[i-1] != id) && ruleFilter.match(fs, byID[id]) {
			matched = append(matched, id)
		}
	}
	pageIDs, next, e := page(c, matched)
	if e != nil {
		return nil, e
	}
	out := &struct {
		ec2Meta
		Rules     items[xSecurityGroupRule] `xml:"securityGroupRuleSet"`
		NextToken string                    `xml:"nextToken,omitempty"`
	}{NextToken: next}
	out.Rules.Item = []xSecurityGroupRule{}
	for _, id := range pageIDs {
		ref := byID[id]
		out.Rules.Item = append(out.Rules.Item, st.xRule(ref.group, ref.rule))
	}
	return out, nil
}
