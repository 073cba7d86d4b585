package sim

import (
	"slices"
	"strings"
)

// taggable finds the tag list of any resource id, with EC2's per-type
// not-found errors.
func (st *regionState) taggable(id string) (*[]Tag, *apiError) {
	prefix, _, _ := strings.Cut(id, "-")
	switch prefix {
	case "sg":
		if g := st.groups[id]; g != nil {
			return &g.Tags, nil
		}
		return nil, notFound("InvalidGroup.NotFound", "The security group '%s' does not exist", id)
	case "sgr":
		for _, g := range st.groups {
			for i := range g.Rules {
				if g.Rules[i].ID == id {
					return &g.Rules[i].Tags, nil
				}
			}
		}
		return nil, notFound("InvalidSecurityGroupRuleId.NotFound", "The security group rule ID '%s' does not exist", id)
	case "vpc":
		if v := st.vpcs[id]; v != nil {
			return &v.Tags, nil
		}
		return nil, notFound("InvalidVpcID.NotFound", "The vpc ID '%s' does not exist", id)
	case "subnet":
		if s := st.subnets[id]; s != nil {
			return &s.Tags, nil
		}
		return nil, notFound("InvalidSubnetID.NotFound", "The subnet ID '%s' does not exist", id)
	case "eni":
		if n := st.enis[id]; n != nil {
			return &n.Tags, nil
		}
		return nil, notFound("InvalidNetworkInterfaceID.NotFound", "The networkInterface ID '%s' does not exist", id)
	}
	return nil, notFound("InvalidID", "The ID '%s' is not valid", id)
}

func createTags(c *call, st *regionState) (any, *apiError) {
	ids, add := list(c.Form, "ResourceId"), tags(c.Form, "Tag")
	if len(ids) == 0 {
		return nil, missingParameter("ResourceId")
	}
	if len(add) == 0 {
		return nil, missingParameter("Tag")
	}
	// Check every id first: EC2 tags all resources or none.
	targets := make([]*[]Tag, 0, len(ids))
	for _, id := range ids {
		t, e := st.taggable(id)
		if e != nil {
			return nil, e
		}
		targets = append(targets, t)
	}
	for _, t := range targets {
		for _, tag := range add {
			if i := slices.IndexFunc(*t, func(x Tag) bool { return x.Key == tag.Key }); i >= 0 {
				(*t)[i].Value = tag.Value
			} else {
				*t = append(*t, tag)
			}
		}
	}
	return &ec2Return{Return: true}, nil
}

// deleteTags removes the given keys (all tags when none are given); a tag
// given with a value is removed only if the value matches.
func deleteTags(c *call, st *regionState) (any, *apiError) {
	ids := list(c.Form, "ResourceId")
	if len(ids) == 0 {
		return nil, missingParameter("ResourceId")
	}
	type match struct {
		key, value string
		anyValue   bool
	}
	var remove []match
	for _, i := range indexes(c.Form, "Tag") {
		p := item("Tag", i)
		v, has := c.Form[p+"Value"]
		m := match{key: c.Form.Get(p + "Key"), anyValue: !has}
		if has {
			m.value = v[0]
		}
		remove = append(remove, m)
	}
	targets := make([]*[]Tag, 0, len(ids))
	for _, id := range ids {
		t, e := st.taggable(id)
		if e != nil {
			return nil, e
		}
		targets = append(targets, t)
	}
	for _, t := range targets {
		*t = slices.DeleteFunc(*t, func(x Tag) bool {
			if len(remove) == 0 {
				return true
			}
			for _, r := range remove {
				if r.key == x.Key && (r.anyValue || r.value == x.Value) {
					return true
				}
			}
			return false
		})
	}
	return &ec2Return{Return: true}, nil
}
