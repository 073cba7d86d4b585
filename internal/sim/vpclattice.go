package sim

import "net/http"

// Amazon VPC Lattice (REST-JSON, signing name vpc-lattice):
// ListServiceNetworkVpcAssociations (GET /servicenetworkvpcassociations,
// by vpcIdentifier or serviceNetworkIdentifier, one of them required) and
// GetServiceNetworkVpcAssociation (GET /servicenetworkvpcassociations/{id});
// the updates are in vpclattice_update.go.

var vpcLatticeOps = map[string]op{
	"ListServiceNetworkVpcAssociations": regionLocked(listLatticeVPCAssociations),
	"GetServiceNetworkVpcAssociation":   regionLocked(getLatticeVPCAssociation),
	// vpclattice_update.go
	"UpdateServiceNetworkVpcAssociation": regionLocked(updateLatticeVPCAssociation),
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
		out = append(out, latticeAssociationJSON(c, a, false, a.Pending > 0))
	}
	return withNext(map[string]any{"items": out}, "nextToken", next), nil
}

func latticeAssociationJSON(c *call, a latticeAssociation, groups, updating bool) map[string]any {
	m := map[string]any{"id": a.ID, "arn": a.ARN, "status": latticeStatus(updating), "createdBy": c.Account, "createdAt": "2026-01-01T00:00:00Z",
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
	for i := range c.state.latticeAssociations {
		if a := &c.state.latticeAssociations[i]; a.ID == id || a.ARN == id {
			return latticeAssociationJSON(c, *a, true, a.settling()), nil
		}
	}
	return nil, errf(http.StatusNotFound, "ResourceNotFoundException", "Service network VPC association %s not found", id)
}

// vpcLatticeSpecs are VPC Lattice's part of a region's scenario.
type vpcLatticeSpecs struct {
	LatticeVPCAssociations []LatticeVPCAssociationSpec `yaml:"lattice_vpc_associations"`
}

// vpcLatticeState is VPC Lattice's part of a regionState;
// UpdateServiceNetworkVpcAssociation changes it.
type vpcLatticeState struct {
	latticeAssociations []latticeAssociation
}

type latticeAssociation struct {
	ID, ARN, NetworkID, NetworkName, VpcID string
	Groups                                 []string
	// Pending is how many more reads show an update still applying.
	Pending int
}

// settling reports whether an update is still applying, counting the read.
func (a *latticeAssociation) settling() bool {
	if a.Pending == 0 {
		return false
	}
	a.Pending--
	return true
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
	if a := patchRoute(r, "/servicenetworkvpcassociations", "UpdateServiceNetworkVpcAssociation"); a != "" {
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
