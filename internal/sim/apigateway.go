package sim

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// Amazon API Gateway V2 (REST-JSON, signing name apigateway, API
// 2018-11-29): GetVpcLinks. API Gateway's IAM actions are HTTP methods
// (apigateway:GET), so its calls are recorded, denied and faulted as
// "GET", whatever the operation; the one GET served is GetVpcLinks. A VPC
// link V2 has one interface per subnet, of type api_gateway_managed, on
// its groups; an INACTIVE link has none (API Gateway deletes them after 60
// days without traffic).
var apiGatewayOps = map[string]op{
	"GET": apiGatewayGET,
}

// apiGatewayRoute names the IAM action of an API Gateway request.
func apiGatewayRoute(r *http.Request) string {
	if r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/v2/") {
		return "GET"
	}
	return ""
}

func apiGatewayBadRequest(msg string) *apiError {
	return errf(http.StatusBadRequest, "BadRequestException", "%s", msg)
}

func apiGatewayGET(c *call) (any, *apiError) {
	if c.HTTP.URL.Path != "/v2/vpclinks" {
		return nil, errf(http.StatusNotFound, "NotFoundException", "Invalid resource path %s", c.HTTP.URL.Path)
	}
	q := c.HTTP.URL.Query()
	size := 0
	if v := q.Get("maxResults"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n == 0 {
			return nil, apiGatewayBadRequest("maxResults must be an integer from 1 to 500")
		}
		size = n
	}
	items, next, e := pageSlice(jsonPage{def: 25, limit: 500, invalid: apiGatewayBadRequest,
		action: "GetVpcLinks", max: size, token: q.Get("nextToken")}, c.state.vpcLinks)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, l := range items {
		out = append(out, map[string]any{"vpcLinkId": l.ID, "name": l.Name, "securityGroupIds": nonNil(l.Groups),
			"subnetIds": nonNil(l.Subnets), "tags": tagMap(l.Tags), "vpcLinkStatus": l.Status,
			"vpcLinkStatusMessage": "", "vpcLinkVersion": "V2", "createdDate": "2023-11-14T22:13:20Z"})
	}
	return withNext(map[string]any{"items": out}, "nextToken", next), nil
}

// apiGatewaySpecs are API Gateway's part of a region's scenario.
type apiGatewaySpecs struct {
	VPCLinks []VPCLinkSpec `yaml:"apigateway_vpc_links"`
}

// apiGatewayState is API Gateway's part of a regionState; never changed.
type apiGatewayState struct {
	vpcLinks []vpcLink
}

// VPCLinkSpec is an API Gateway VPC link V2 (apigateway_vpc_links).
// Omitted groups: none (whether CreateVpcLink then uses the VPC's default
// group is not documented).
type VPCLinkSpec struct {
	Name string `yaml:"name"`
	// Status is available (default) or inactive (no interfaces).
	Status    string `yaml:"status"`
	Placement `yaml:",inline"`
	// Subnets are names or ids in the VPC, one interface each; omitted:
	// the VPC's first subnet.
	Subnets []string          `yaml:"subnets"`
	Tags    map[string]string `yaml:"tags"`
}

type vpcLink struct {
	ID, Name, Status, VpcID string
	Groups, Subnets         []string
	Interfaces              []string
	Tags                    []Tag
}

// addVPCLinks builds the VPC links and, for available ones, their
// interfaces.
func (b *builder) addVPCLinks() error {
	seen := map[string]bool{}
	for i, spec := range b.res.VPCLinks {
		at := path{"apigateway_vpc_links", i}
		if err := b.unique(seen, spec.Name, at); err != nil {
			return err
		}
		status := strings.ToUpper(spec.Status)
		if status == "" {
			status = "AVAILABLE"
		}
		if status != "AVAILABLE" && status != "INACTIVE" {
			return b.errAt(append(append(path{}, at...), "status"), "status %q is not available or inactive", spec.Status)
		}
		vpcID, groups, err := b.placed(spec.Placement, false, at)
		if err != nil {
			return err
		}
		refs := spec.Subnets
		if len(refs) == 0 {
			refs = []string{""}
		}
		l := vpcLink{ID: b.st.ids.hexN("vpclink", 6), Name: spec.Name, Status: status, VpcID: vpcID, Groups: groups, Tags: tagsOf(spec.Tags, "")}
		for j, ref := range refs {
			sn, err := b.subnetOf(vpcID, ref, append(append(path{}, at...), "subnets", j))
			if err != nil {
				return err
			}
			l.Subnets = append(l.Subnets, sn.ID)
			if status == "INACTIVE" {
				continue
			}
			n := b.st.newInterface(b.st.ids.next("eni"), sn, slices.Clone(groups))
			n.Status, n.RequesterManaged, n.InterfaceType = "in-use", true, "api_gateway_managed"
			b.st.enis[n.ID] = n
			l.Interfaces = append(l.Interfaces, n.ID)
		}
		b.st.vpcLinks = append(b.st.vpcLinks, l)
	}
	return nil
}
