package sim

import (
	"net/http"
	"slices"
	"strings"
)

// Route 53 Resolver (JSON 1.1, target prefix Route53Resolver):
// ListResolverEndpoints and ListTagsForResource. An endpoint has one
// interface per IP address, on its groups, described
// "Route 53 Resolver: <endpoint id>:<rni id>" (docs/FIDELITY.md).
var route53ResolverOps = map[string]op{
	"ListResolverEndpoints": listResolverEndpoints,
	"ListTagsForResource":   listResolverTags,
}

func resolverInvalidToken(msg string) *apiError {
	return errf(http.StatusBadRequest, "InvalidNextTokenException", "%s", msg)
}

func listResolverEndpoints(c *call) (any, *apiError) {
	var req struct {
		MaxResults int    `json:"MaxResults"`
		NextToken  string `json:"NextToken"`
		Filters    []struct {
			Name string `json:"Name"`
		} `json:"Filters"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	if len(req.Filters) > 0 {
		return nil, errf(http.StatusBadRequest, "InvalidParameterException", "the simulator serves ListResolverEndpoints without Filters")
	}
	items, next, e := pageSlice(jsonPage{def: 10, limit: 100, action: c.Action, max: req.MaxResults, token: req.NextToken,
		invalid: func(msg string) *apiError {
			if strings.Contains(msg, "token") {
				return resolverInvalidToken(msg)
			}
			return errf(http.StatusBadRequest, "InvalidParameterException", "%s", msg)
		}}, c.state.resolverEndpoints)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, r := range items {
		out = append(out, map[string]any{"Id": r.ID, "CreatorRequestId": r.Name, "Arn": r.ARN, "Name": r.Name,
			"SecurityGroupIds": nonNil(r.Groups), "Direction": r.Direction, "IpAddressCount": len(r.Interfaces),
			"HostVPCId": r.VpcID, "Status": "OPERATIONAL", "StatusMessage": "This Resolver Endpoint is operational.",
			"CreationTime": "2023-11-14T22:13:20.000Z", "ModificationTime": "2023-11-14T22:13:20.000Z",
			"ResolverEndpointType": "IPV4", "Protocols": []string{"Do53"}})
	}
	out2 := withNext(map[string]any{"ResolverEndpoints": out}, "NextToken", next)
	if req.MaxResults != 0 {
		out2["MaxResults"] = req.MaxResults
	}
	return out2, nil
}

func listResolverTags(c *call) (any, *apiError) {
	var req struct {
		ResourceArn string `json:"ResourceArn"`
		MaxResults  int    `json:"MaxResults"`
		NextToken   string `json:"NextToken"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	i := slices.IndexFunc(c.state.resolverEndpoints, func(r resolverEndpoint) bool { return r.ARN == req.ResourceArn })
	if i < 0 {
		return nil, errf(http.StatusBadRequest, "ResourceNotFoundException", "Resolver endpoint with ARN %s does not exist.", req.ResourceArn)
	}
	items, next, e := pageSlice(jsonPage{def: 100, limit: 100, action: c.Action, max: req.MaxResults, token: req.NextToken,
		invalid: resolverInvalidToken}, c.state.resolverEndpoints[i].Tags)
	if e != nil {
		return nil, e
	}
	tags := []map[string]string{}
	for _, t := range items {
		tags = append(tags, map[string]string{"Key": t.Key, "Value": t.Value})
	}
	return withNext(map[string]any{"Tags": tags}, "NextToken", next), nil
}

// route53ResolverSpecs are Route 53 Resolver's part of a region's scenario.
type route53ResolverSpecs struct {
	ResolverEndpoints []ResolverEndpointSpec `yaml:"resolver_endpoints"`
}

// route53ResolverState is Route 53 Resolver's part of a regionState; never
// changed.
type route53ResolverState struct {
	resolverEndpoints []resolverEndpoint
}

// ResolverEndpointSpec is a Resolver endpoint (resolver_endpoints).
// CreateResolverEndpoint requires SecurityGroupIds, so groups must be
// given; there is no fallback to the default group.
type ResolverEndpointSpec struct {
	Name string `yaml:"name"`
	// Direction is inbound (default) or outbound.
	Direction string `yaml:"direction"`
	Placement `yaml:",inline"`
	// Subnets are names or ids in the VPC, one IP address and interface
	// each (at least two); omitted: two in the VPC's first subnet.
	Subnets []string          `yaml:"subnets"`
	Tags    map[string]string `yaml:"tags"`
}

type resolverEndpoint struct {
	ID, ARN, Name, Direction, VpcID string
	Groups, Interfaces              []string
	Tags                            []Tag
}

// addResolverEndpoints builds the endpoints and their interfaces.
func (b *builder) addResolverEndpoints() error {
	seen := map[string]bool{}
	for i, spec := range b.res.ResolverEndpoints {
		at := path{"resolver_endpoints", i}
		if err := b.unique(seen, spec.Name, at); err != nil {
			return err
		}
		dir := strings.ToUpper(spec.Direction)
		if dir == "" {
			dir = "INBOUND"
		}
		if dir != "INBOUND" && dir != "OUTBOUND" {
			return b.errAt(append(append(path{}, at...), "direction"), "direction %q is not inbound or outbound", spec.Direction)
		}
		if len(spec.Groups) == 0 {
			return b.errAt(append(append(path{}, at...), "groups"), "a Resolver endpoint needs at least one group (SecurityGroupIds is required)")
		}
		vpcID, groups, err := b.placed(spec.Placement, false, at)
		if err != nil {
			return err
		}
		refs := spec.Subnets
		if len(refs) == 0 {
			refs = []string{"", ""}
		}
		if len(refs) < 2 {
			return b.errAt(append(append(path{}, at...), "subnets"), "a Resolver endpoint needs at least two IP addresses")
		}
		id := "rslvr-" + map[string]string{"INBOUND": "in", "OUTBOUND": "out"}[dir] + "-" + b.st.ids.hexN("rslvr", 17)
		r := resolverEndpoint{ID: id, ARN: b.arn("route53resolver", "resolver-endpoint/"+id), Name: spec.Name, Direction: dir,
			VpcID: vpcID, Groups: groups, Tags: tagsOf(spec.Tags, "")}
		for j, ref := range refs {
			sn, err := b.subnetOf(vpcID, ref, append(append(path{}, at...), "subnets", j))
			if err != nil {
				return err
			}
			n := b.st.newInterface(b.st.ids.next("eni"), sn, slices.Clone(groups))
			n.Description = "Route 53 Resolver: " + id + ":rni-" + b.st.ids.hexN("rni", 17)
			n.Status, n.RequesterManaged, n.InterfaceType = "in-use", true, "interface"
			b.st.enis[n.ID] = n
			r.Interfaces = append(r.Interfaces, n.ID)
		}
		b.st.resolverEndpoints = append(b.st.resolverEndpoints, r)
	}
	return nil
}
