package sim

import "net/http"

// Amazon VPC Lattice (REST-JSON, signing name vpc-lattice):
// ListServiceNetworkVpcAssociations (GET /servicenetworkvpcassociations,
// by vpcIdentifier or serviceNetworkIdentifier, one of them required) and
// GetServiceNetworkVpcAssociation (GET /servicenetworkvpcassociations/{id}).

var vpcLatticeOps = map[string]op{
	"ListServiceNetworkVpcAssociations": listLatticeVPCAssociations,
	"GetServiceNetworkVpcAssociation":   getLatticeVPCAssociation,
}

var (
	latticeInvalid    = badRequest("ValidationException")
	associationsRoute = restGetRoute("/servicenetworkvpcassociations", "ListServiceNetworkVpcAssociations", "GetServiceNetworkVpcAssociation")
)

func listLatticeVPCAssociations(c *call) (any, *apiError) {
	q := c.HTTP.URL.Query()
	vpc, network := q.Get("vpcIdentifier"), q.Get("serviceNetworkIdentifier")
	if vpc == "" && network == "" {
		return nil, latticeInvalid("You must provide either the ID of the service network identifier or the ID of the VPC.")
	}
	max, e := queryInt(c, "maxResults", latticeInvalid)
	if e != nil {
		return nil, e
	}
	var items []latticeAssociation
	for _, a := range c.state.latticeAssociations {
		if (vpc == "" || vpc == a.VpcID) && (network == "" || network == a.NetworkID || network == a.NetworkName) {
			items = append(items, a)
		}
	}
	page, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: latticeInvalid, action: c.Action, max: max, token: q.Get("nextToken")}, items)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, a := range page {
		out = append(out, latticeAssociationJSON(c, a, false))
	}
	return withNext(map[string]any{"items": out}, "nextToken", next), nil
}

func latticeAssociationJSON(c *call, a latticeAssociation, groups bool) map[string]any {
	m := map[string]any{"id": a.ID, "arn": a.ARN, "status": "ACTIVE", "createdBy": c.Account, "createdAt": "2026-01-01T00:00:00Z",
		"serviceNetworkId": a.NetworkID, "serviceNetworkName": a.NetworkName,
		"serviceNetworkArn": "arn:aws:vpc-lattice:" + c.Region + ":" + c.Account + ":servicenetwork/" + a.NetworkID,
		"vpcId":             a.VpcID, "privateDnsEnabled": false, "lastUpdatedAt": "2026-01-01T00:00:00Z"}
	if groups && len(a.Groups) > 0 {
		m["securityGroupIds"] = a.Groups
	}
	return m
}

func getLatticeVPCAssociation(c *call) (any, *apiError) {
	id, e := pathName(c, "/servicenetworkvpcassociations", latticeInvalid)
	if e != nil {
		return nil, e
	}
	for _, a := range c.state.latticeAssociations {
		if a.ID == id || a.ARN == id {
			return latticeAssociationJSON(c, a, true), nil
		}
	}
	return nil, errf(http.StatusNotFound, "ResourceNotFoundException", "Service network VPC association %s not found", id)
}

// vpcLatticeSpecs are VPC Lattice's part of a region's scenario.
type vpcLatticeSpecs struct {
	LatticeVPCAssociations []LatticeVPCAssociationSpec `yaml:"lattice_vpc_associations"`
}

// vpcLatticeState is VPC Lattice's part of a regionState; never changed.
type vpcLatticeState struct {
	latticeAssociations []latticeAssociation
}

type latticeAssociation struct {
	ID, ARN, NetworkID, NetworkName, VpcID string
	Groups                                 []string
}

// LatticeVPCAssociationSpec associates a VPC with a service network
// (network, a name): groups are securityGroupIds (omitted = none; AWS
// adds no default).
type LatticeVPCAssociationSpec struct {
	Network   string `yaml:"network"`
	Placement `yaml:",inline"`
}

func (b *builder) addLatticeAssociations() error {
	for i, s := range b.res.LatticeVPCAssociations {
		at := path{"lattice_vpc_associations", i}
		if s.Network == "" {
			return b.errAt(append(at, "network"), "network is required")
		}
		vpcID, groups, err := b.placed(s.Placement, false, at)
		if err != nil {
			return err
		}
		id := "snva-" + b.st.ids.hexN("lattice", 17)
		b.st.latticeAssociations = append(b.st.latticeAssociations, latticeAssociation{ID: id, VpcID: vpcID, Groups: groups,
			ARN: b.arn("vpc-lattice", "servicenetworkvpcassociation/"+id), NetworkName: s.Network,
			NetworkID: "sn-" + b.st.ids.hexN("lattice-network", 17)})
	}
	return nil
}

// latticeRoute names the action of a VPC Lattice request: service-network
// VPC associations (this file) or resource gateways (vpclattice_gateways.go).
func latticeRoute(r *http.Request) string {
	if a := gatewaysRoute(r); a != "" {
		return a
	}
	return associationsRoute(r)
}

// addVPCLattice builds both parts of VPC Lattice.
func (b *builder) addVPCLattice() error {
	if err := b.addLatticeAssociations(); err != nil {
		return err
	}
	return b.addLattice()
}

func init() {
	for k, v := range latticeGatewayOps {
		vpcLatticeOps[k] = v
	}
}
