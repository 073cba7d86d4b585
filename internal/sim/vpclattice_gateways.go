package sim

import (
	"net/http"
	"slices"
	"strings"
)

// Amazon VPC Lattice (REST-JSON, signing name vpc-lattice, API 2022-11-30):
// ListResourceGateways (GET /resourcegateways). A resource gateway has one
// interface per subnet, on its groups, with an empty description: AWS
// documents none (docs/FIDELITY.md).
var latticeGatewayOps = map[string]op{
	"ListResourceGateways": regionLocked(listResourceGateways),
	// vpclattice_update.go
	"GetResourceGateway":    regionLocked(getResourceGateway),
	"UpdateResourceGateway": regionLocked(updateResourceGateway),
}

func gatewaysRoute(r *http.Request) string {
	if r.Method == http.MethodGet && r.URL.Path == "/resourcegateways" {
		return "ListResourceGateways"
	}
	if r.Method == http.MethodGet {
		if rest, ok := strings.CutPrefix(r.URL.EscapedPath(), "/resourcegateways/"); ok && rest != "" && !strings.Contains(rest, "/") {
			return "GetResourceGateway"
		}
	}
	return patchRoute(r, "/resourcegateways", "UpdateResourceGateway")
}

func latticeValidation(msg string) *apiError {
	return errf(http.StatusBadRequest, "ValidationException", "%s", msg)
}

func listResourceGateways(c *call) (any, *apiError) {
	max, e := queryInt(c, "maxResults", latticeValidation)
	if e != nil {
		return nil, e
	}
	items, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: latticeValidation, action: c.Action, max: max,
		token: c.HTTP.URL.Query().Get("nextToken")}, c.state.resourceGateways)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, g := range items {
		out = append(out, map[string]any{"id": g.Type, "arn": g.ARN, "name": g.Name, "status": "ACTIVE", "vpcIdentifier": g.VpcID,
			"subnetIds": nonNil(g.Subnets), "securityGroupIds": nonNil(g.Groups), "ipAddressType": "IPV4",
			"createdAt": "2023-11-14T22:13:20Z", "lastUpdatedAt": "2023-11-14T22:13:20Z"})
	}
	return withNext(map[string]any{"items": out}, "nextToken", next), nil
}

// latticeSpecs are VPC Lattice's part of a region's scenario.
type latticeSpecs struct {
	ResourceGateways []VPCResourceSpec `yaml:"lattice_resource_gateways"`
}

// latticeState is VPC Lattice's part of a regionState; UpdateResourceGateway
// changes it. A gateway's Type field holds its id (rgw-…).
type latticeState struct {
	resourceGateways []vpcResource
	// gatewayInterfaces is each gateway's interface, by gateway id.
	gatewayInterfaces map[string]string
}

// addLattice builds the resource gateways, each with one interface in its
// VPC's first subnet. Omitted groups: the VPC's default group (that
// CreateResourceGateway does so is not documented).
func (b *builder) addLattice() error {
	if err := b.addVPCResources("lattice_resource_gateways", b.res.ResourceGateways, &b.st.resourceGateways,
		func(string) string { return "" }); err != nil {
		return err
	}
	for i := range b.st.resourceGateways {
		g := &b.st.resourceGateways[i]
		g.Type = "rgw-" + b.st.ids.hexN("rgw", 17)
		g.ARN = b.arn("vpc-lattice", "resourcegateway/"+g.Type)
		n := b.st.newInterface(b.st.ids.next("eni"), b.st.subnets[g.Subnets[0]], slices.Clone(g.Groups))
		n.Status, n.RequesterManaged = "in-use", true
		b.st.enis[n.ID] = n
		if b.st.gatewayInterfaces == nil {
			b.st.gatewayInterfaces = map[string]string{}
		}
		b.st.gatewayInterfaces[g.Type] = n.ID
	}
	return nil
}
