package sim

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// EC2's query protocol flattens lists as Name.N (1-based) and structures
// as Name.N.Member, e.g. IpPermissions.1.IpRanges.2.CidrIp. These helpers
// read them back.

// indexes returns the sorted distinct N of keys "prefix.N" or "prefix.N.*".
func indexes(form url.Values, prefix string) []int {
	seen := map[int]bool{}
	for k := range form {
		rest, ok := strings.CutPrefix(k, prefix+".")
		if !ok {
			continue
		}
		n, _, _ := strings.Cut(rest, ".")
		if i, err := strconv.Atoi(n); err == nil {
			seen[i] = true
		}
	}
	out := make([]int, 0, len(seen))
	for i := range seen {
		out = append(out, i)
	}
	sort.Ints(out)
	return out
}

// list returns the values of prefix.1, prefix.2, ... in index order.
func list(form url.Values, prefix string) []string {
	var out []string
	for _, i := range indexes(form, prefix) {
		if v := form.Get(prefix + "." + strconv.Itoa(i)); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func item(prefix string, i int) string { return prefix + "." + strconv.Itoa(i) + "." }

// optInt32 reads an optional integer parameter.
func optInt32(form url.Values, key string) (*int32, *apiError) {
	v := form.Get(key)
	if v == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(v, 10, 32)
	if err != nil {
		return nil, invalidParameterValue("Invalid value '%s' for %s", v, key)
	}
	n32 := int32(n)
	return &n32, nil
}

func boolParam(form url.Values, key string) bool { return strings.EqualFold(form.Get(key), "true") }

// filter is one Filter.N: a name and values, any of which may match.
type filter struct {
	name   string
	values []string
}

func filters(form url.Values) []filter {
	var out []filter
	for _, i := range indexes(form, "Filter") {
		p := item("Filter", i)
		out = append(out, filter{name: form.Get(p + "Name"), values: list(form, p+"Value")})
	}
	return out
}

// tags reads Tag.N.Key/Value (CreateTags, DeleteTags).
func tags(form url.Values, prefix string) []Tag {
	var out []Tag
	for _, i := range indexes(form, prefix) {
		p := item(prefix, i)
		out = append(out, Tag{Key: form.Get(p + "Key"), Value: form.Get(p + "Value")})
	}
	return out
}

// tagSpecs returns the tags of TagSpecification.N entries for resourceType
// (or with no type).
func tagSpecs(form url.Values, resourceType string) []Tag {
	var out []Tag
	for _, i := range indexes(form, "TagSpecification") {
		p := item("TagSpecification", i)
		if rt := form.Get(p + "ResourceType"); rt == "" || rt == resourceType {
			out = append(out, tags(form, p+"Tag")...)
		}
	}
	return out
}

// ipPermissions reads IpPermissions.N and, for old clients, the flat
// IpProtocol/FromPort/ToPort/CidrIp/SourceSecurityGroup* parameters.
func ipPermissions(form url.Values) ([]permission, *apiError) {
	var perms []permission
	for _, i := range indexes(form, "IpPermissions") {
		p := item("IpPermissions", i)
		perm, err := onePermission(form, p)
		if err != nil {
			return nil, err
		}
		for _, j := range indexes(form, p+"Groups") {
			q := item(p+"Groups", j)
			perm.sources = append(perm.sources, source{description: form.Get(q + "Description"), groupName: form.Get(q + "GroupName"),
				group: &GroupRef{GroupID: form.Get(q + "GroupId"), UserID: form.Get(q + "UserId"),
					VpcID: form.Get(q + "VpcId"), VpcPeeringConnectionID: form.Get(q + "VpcPeeringConnectionId")}})
		}
		for _, j := range indexes(form, p+"IpRanges") {
			q := item(p+"IpRanges", j)
			perm.sources = append(perm.sources, source{cidr4: form.Get(q + "CidrIp"), description: form.Get(q + "Description")})
		}
		for _, j := range indexes(form, p+"Ipv6Ranges") {
			q := item(p+"Ipv6Ranges", j)
			perm.sources = append(perm.sources, source{cidr6: form.Get(q + "CidrIpv6"), description: form.Get(q + "Description")})
		}
		for _, j := range indexes(form, p+"PrefixListIds") {
			q := item(p+"PrefixListIds", j)
			perm.sources = append(perm.sources, source{prefixList: form.Get(q + "PrefixListId"), description: form.Get(q + "Description")})
		}
		perms = append(perms, perm)
	}
	if form.Get("IpProtocol") != "" || form.Get("CidrIp") != "" || form.Get("SourceSecurityGroupName") != "" {
		perm, err := onePermission(form, "")
		if err != nil {
			return nil, err
		}
		if c := form.Get("CidrIp"); c != "" {
			perm.sources = append(perm.sources, source{cidr4: c})
		}
		if n := form.Get("SourceSecurityGroupName"); n != "" {
			perm.sources = append(perm.sources, source{groupName: n,
				group: &GroupRef{UserID: form.Get("SourceSecurityGroupOwnerId")}})
		}
		if perm.protocol == "" {
			perm.protocol = "-1" // the flat form defaults to all traffic
		}
		perms = append(perms, perm)
	}
	return perms, nil
}

func onePermission(form url.Values, p string) (permission, *apiError) {
	perm := permission{protocol: form.Get(p + "IpProtocol")}
	var err *apiError
	if perm.fromPort, err = optInt32(form, p+"FromPort"); err != nil {
		return perm, err
	}
	perm.toPort, err = optInt32(form, p+"ToPort")
	return perm, err
}
