package sim

import (
	"encoding/base64"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// ec2Ops are the EC2 actions the simulator serves, each running under its
// account-region's lock.
var ec2Ops = map[string]op{
	"DescribeRegions":                 locked(describeRegions),
	"DescribeVpcs":                    locked(describeVpcs),
	"CreateVpc":                       locked(createVpc),
	"DeleteVpc":                       locked(deleteVpc),
	"DescribeSubnets":                 locked(describeSubnets),
	"CreateSubnet":                    locked(createSubnet),
	"DeleteSubnet":                    locked(deleteSubnet),
	"DescribeSecurityGroups":          locked(describeSecurityGroups),
	"DescribeSecurityGroupRules":      locked(describeSecurityGroupRules),
	"CreateSecurityGroup":             locked(createSecurityGroup),
	"DeleteSecurityGroup":             locked(deleteSecurityGroup),
	"AuthorizeSecurityGroupIngress":   locked(authorize(false)),
	"AuthorizeSecurityGroupEgress":    locked(authorize(true)),
	"RevokeSecurityGroupIngress":      locked(revoke(false)),
	"RevokeSecurityGroupEgress":       locked(revoke(true)),
	"CreateTags":                      locked(createTags),
	"DeleteTags":                      locked(deleteTags),
	"DescribeNetworkInterfaces":       locked(describeNetworkInterfaces),
	"CreateNetworkInterface":          locked(createNetworkInterface),
	"ModifyNetworkInterfaceAttribute": locked(modifyNetworkInterfaceAttribute),
	"DeleteNetworkInterface":          locked(deleteNetworkInterface),
	// Configurations and references (ec2_launch_templates.go, ec2_endpoints.go, ec2_references.go).
	"DescribeLaunchTemplates":          locked(describeLaunchTemplates),
	"DescribeLaunchTemplateVersions":   locked(describeLaunchTemplateVersions),
	"CreateLaunchTemplateVersion":      locked(createLaunchTemplateVersion),
	"ModifyLaunchTemplate":             locked(modifyLaunchTemplate),
	"DescribeVpcEndpoints":             locked(describeVpcEndpoints),
	"ModifyVpcEndpoint":                locked(modifyVpcEndpoint),
	"ModifyInstanceConnectEndpoint":    locked(modifyInstanceConnectEndpoint),
	"DescribeInstanceConnectEndpoints": locked(describeInstanceConnectEndpoints),
	"DescribeClientVpnEndpoints":       locked(describeClientVpnEndpoints),
	// ec2_client_vpn_update.go
	"ApplySecurityGroupsToClientVpnTargetNetwork": locked(applySecurityGroupsToClientVpnTargetNetwork),
	"DescribeSecurityGroupReferences":             locked(describeSecurityGroupReferences),
	"DescribeVerifiedAccessEndpoints":             locked(describeVerifiedAccessEndpoints),

	// Rule descriptions (ec2_rule_descriptions.go).
	"UpdateSecurityGroupRuleDescriptionsIngress": locked(updateRuleDescriptions(false)),
	"UpdateSecurityGroupRuleDescriptionsEgress":  locked(updateRuleDescriptions(true)),
	"DescribeFleets":               locked(describeFleets),
	"DescribeSpotFleetRequests":    locked(describeSpotFleetRequests),
	"DescribeSpotInstanceRequests": locked(describeSpotInstanceRequests),
}

type ec2Op func(c *call, st *regionState) (any, *apiError)

func locked(fn ec2Op) op {
	return func(c *call) (any, *apiError) {
		c.state.mu.Lock()
		defer c.state.mu.Unlock()
		return fn(c, c.state)
	}
}

// ec2Return is the result of actions that only report success.
type ec2Return struct {
	ec2Meta
	Return bool `xml:"return"`
}

// maxResultsRange is the MaxResults range of the Describe actions whose
// range is not EC2's usual 5–1000 (EC2 API reference; botocore's model).
// DescribeVpcEndpoints has no upper bound: above 1000 it returns 1000.
var maxResultsRange = map[string][2]int{
	"DescribeLaunchTemplates":          {1, 200},
	"DescribeLaunchTemplateVersions":   {1, 200},
	"DescribeInstanceConnectEndpoints": {1, 50},
	"DescribeVpcEndpoints":             {1, 0},
	"DescribeFleets":                   {1, 1000}, // the model documents no range
	"DescribeSpotFleetRequests":        {1, 1000},
	"DescribeSpotInstanceRequests":     {1, 1000}, // 5-1000 is only "recommended" (API reference)
}

// page applies MaxResults (5-1000, as EC2, or the action's own range) and
// NextToken to sorted ids. The token is the last id returned, so deletions
// between pages skip nothing.
func page(c *call, ids []string) ([]string, string, *apiError) {
	size := 0
	if v := c.Form.Get("MaxResults"); v != "" {
		lo, hi := 5, 1000
		if r, ok := maxResultsRange[c.Action]; ok {
			lo, hi = r[0], r[1]
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || (hi > 0 && n > hi) {
			return nil, "", invalidParameterValue("Value ( %s ) for parameter maxResults is invalid. Expecting a value between %d and %d.", v, lo, hi)
		}
		size = min(n, 1000)
	}
	start := 0
	if tok := c.Form.Get("NextToken"); tok != "" {
		raw, err := base64.RawURLEncoding.DecodeString(tok)
		after, ok := strings.CutPrefix(string(raw), c.Action+":")
		if err != nil || !ok {
			return nil, "", notFound("InvalidPaginationToken", "The specified pagination token is not valid or is expired.")
		}
		start = sort.SearchStrings(ids, after)
		if start < len(ids) && ids[start] == after {
			start++
		}
	}
	ids = ids[start:]
	if size == 0 || len(ids) <= size {
		return ids, "", nil
	}
	next := base64.RawURLEncoding.EncodeToString([]byte(c.Action + ":" + ids[size-1]))
	return ids[:size], next, nil
}

// validID reports whether id looks like prefix-<hex>.
func validID(id, prefix string) bool {
	rest, ok := strings.CutPrefix(id, prefix+"-")
	if !ok || rest == "" {
		return false
	}
	for _, r := range rest {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return false
		}
	}
	return true
}

// group finds a group by id with EC2's errors.
func (st *regionState) group(id string) (*SecurityGroup, *apiError) {
	if !validID(id, "sg") {
		return nil, notFound("InvalidGroupId.Malformed", "Invalid id: \"%s\" (expecting \"sg-...\")", id)
	}
	g := st.groups[id]
	if g == nil {
		return nil, notFound("InvalidGroup.NotFound", "The security group '%s' does not exist", id)
	}
	return g, nil
}

// groupParam resolves GroupId, or GroupName in the default VPC as EC2 does.
func (st *regionState) groupParam(form url.Values) (*SecurityGroup, *apiError) {
	if id := form.Get("GroupId"); id != "" {
		return st.group(id)
	}
	name := form.Get("GroupName")
	if name == "" {
		return nil, missingParameter("GroupId")
	}
	return st.groupInDefaultVPC(name)
}

func (st *regionState) groupInDefaultVPC(name string) (*SecurityGroup, *apiError) {
	vpc := st.defaultVPC()
	if vpc == nil {
		return nil, notFound("VPCIdNotSpecified", "No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.")
	}
	if g := st.groupByName(vpc.ID, name); g != nil {
		return g, nil
	}
	return nil, notFound("InvalidGroup.NotFound", "The security group '%s' does not exist in default VPC '%s'", name, vpc.ID)
}

func (st *regionState) defaultVPC() *Vpc {
	for _, v := range st.vpcs {
		if v.IsDefault {
			return v
		}
	}
	return nil
}

// selectIDs is the common Describe* flow: explicit ids (each must exist),
// then filters, then a page, over resources sorted by id.
func selectIDs[T any](c *call, all map[string]T, idParam string, missing func(id string) *apiError, f filterer[T]) ([]string, string, *apiError) {
	fs := filters(c.Form)
	if e := f.check(fs); e != nil {
		return nil, "", e
	}
	candidates := sortedKeys(all)
	if ids := list(c.Form, idParam); len(ids) > 0 {
		set := map[string]bool{}
		for _, id := range ids {
			if _, ok := all[id]; !ok {
				return nil, "", missing(id)
			}
			set[id] = true
		}
		candidates = sortedKeys(set)
	}
	var matched []string
	for _, id := range candidates {
		if f.match(fs, all[id]) {
			matched = append(matched, id)
		}
	}
	return page(c, matched)
}
