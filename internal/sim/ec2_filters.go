package sim

import (
	"strconv"
	"strings"
)

// fields maps EC2 filter names to the values a resource has for them.
type fields[T any] map[string]func(T) []string

// filterer checks filter names against one resource type's fields and
// matches resources: values within a filter are ORed (with * and ?
// wildcards, as EC2 allows), filters are ANDed.
type filterer[T any] struct {
	fields fields[T]
	tags   func(T) []Tag
}

func (f filterer[T]) check(fs []filter) *apiError {
	for _, x := range fs {
		if _, ok := f.fields[x.name]; ok || x.name == "tag-key" || x.name == "tag-value" ||
			(strings.HasPrefix(x.name, "tag:") && f.tags != nil) {
			continue
		}
		return invalidParameterValue("The filter '%s' is invalid", x.name)
	}
	return nil
}

func (f filterer[T]) match(fs []filter, v T) bool {
	for _, x := range fs {
		if !anyGlob(x.values, f.valuesOf(x.name, v)) {
			return false
		}
	}
	return true
}

func (f filterer[T]) valuesOf(name string, v T) []string {
	if fn, ok := f.fields[name]; ok {
		return fn(v)
	}
	var out []string
	for _, t := range f.tags(v) {
		switch {
		case name == "tag-key":
			out = append(out, t.Key)
		case name == "tag-value":
			out = append(out, t.Value)
		case name == "tag:"+t.Key:
			out = append(out, t.Value)
		}
	}
	return out
}

func anyGlob(patterns, values []string) bool {
	for _, p := range patterns {
		for _, v := range values {
			if glob(p, v) {
				return true
			}
		}
	}
	return false
}

func one(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func boolStr(b bool) []string { return []string{strconv.FormatBool(b)} }

// groupFields are DescribeSecurityGroups' filters; the ip-permission.*
// ones look at ingress rules, egress.ip-permission.* at egress rules.
var groupFields = func() fields[*SecurityGroup] {
	f := fields[*SecurityGroup]{
		"group-name":  func(g *SecurityGroup) []string { return one(g.Name) },
		"group-id":    func(g *SecurityGroup) []string { return one(g.ID) },
		"vpc-id":      func(g *SecurityGroup) []string { return one(g.VpcID) },
		"owner-id":    func(g *SecurityGroup) []string { return one(g.OwnerID) },
		"description": func(g *SecurityGroup) []string { return one(g.Description) },
	}
	perRule := map[string]func(SecurityGroupRule) []string{
		"group-id": func(r SecurityGroupRule) []string {
			if r.Group == nil {
				return nil
			}
			return one(r.Group.GroupID)
		},
		"user-id": func(r SecurityGroupRule) []string {
			if r.Group == nil {
				return nil
			}
			return one(r.Group.UserID)
		},
		"cidr":           func(r SecurityGroupRule) []string { return one(r.CidrIPv4) },
		"ipv6-cidr":      func(r SecurityGroupRule) []string { return one(r.CidrIPv6) },
		"prefix-list-id": func(r SecurityGroupRule) []string { return one(r.PrefixListID) },
		"protocol":       func(r SecurityGroupRule) []string { return one(r.Protocol) },
		"from-port":      func(r SecurityGroupRule) []string { return one(strconv.Itoa(int(r.FromPort))) },
		"to-port":        func(r SecurityGroupRule) []string { return one(strconv.Itoa(int(r.ToPort))) },
	}
	for name, fn := range perRule {
		for _, egress := range []bool{false, true} {
			key := "ip-permission." + name
			if egress {
				key = "egress." + key
			}
			f[key] = func(g *SecurityGroup) []string {
				var out []string
				for _, r := range g.side(egress) {
					out = append(out, fn(r)...)
				}
				return out
			}
		}
	}
	return f
}()

var groupFilter = filterer[*SecurityGroup]{fields: groupFields, tags: func(g *SecurityGroup) []Tag { return g.Tags }}

// ruleRef pairs a rule with its group for DescribeSecurityGroupRules.
type ruleRef struct {
	group *SecurityGroup
	rule  SecurityGroupRule
}

var ruleFilter = filterer[ruleRef]{
	fields: fields[ruleRef]{
		"group-id":               func(r ruleRef) []string { return one(r.group.ID) },
		"security-group-rule-id": func(r ruleRef) []string { return one(r.rule.ID) },
	},
	tags: func(r ruleRef) []Tag { return r.rule.Tags },
}
