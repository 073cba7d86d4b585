package sim

import (
	"net/http"
	"strings"
)

// VPC Lattice's group changes: UpdateServiceNetworkVpcAssociation (PATCH
// /servicenetworkvpcassociations/{id}), GetResourceGateway and
// UpdateResourceGateway (GET and PATCH /resourcegateways/{id}). Each is
// UPDATE_IN_PROGRESS for the next read, and another update meanwhile is a
// ConflictException.

// latticeMaxGroups is both update calls' limit (the model's max 5).
const latticeMaxGroups = 5

// patchRoute names op for PATCH prefix/{id}.
func patchRoute(r *http.Request, prefix, op string) string {
	if r.Method != http.MethodPatch {
		return ""
	}
	if rest, ok := strings.CutPrefix(r.URL.EscapedPath(), prefix+"/"); ok && rest != "" && !strings.Contains(rest, "/") {
		return op
	}
	return ""
}

type latticeGroupsRequest struct {
	SecurityGroupIDs *[]string `json:"securityGroupIds"`
}

func updateLatticeVPCAssociation(c *call) (any, *apiError) {
	id, e := pathName(c, "/servicenetworkvpcassociations", latticeInvalid)
	if e != nil {
		return nil, e
	}
	var req latticeGroupsRequest
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	if req.SecurityGroupIDs == nil || len(*req.SecurityGroupIDs) == 0 || len(*req.SecurityGroupIDs) > latticeMaxGroups {
		return nil, latticeInvalid("securityGroupIds must hold 1 to 5 security groups.")
	}
	var a *latticeAssociation
	for i := range c.state.latticeAssociations {
		if x := &c.state.latticeAssociations[i]; x.ID == id || x.ARN == id {
			a = x
		}
	}
	if a == nil {
		return nil, errf(http.StatusNotFound, "ResourceNotFoundException", "Service network VPC association %s not found", id)
	}
	next := dedupe(*req.SecurityGroupIDs)
	switch g := c.state.invalidGroup(a.VpcID, next); {
	case a.Pending > 0:
		return nil, errf(http.StatusConflict, "ConflictException", "Service network VPC association %s is UPDATE_IN_PROGRESS.", a.ID)
	case g != "":
		return nil, latticeInvalid("Security group " + g + " is not in VPC " + a.VpcID + ".")
	}
	if !sameSet(a.Groups, next) {
		a.Groups, a.Pending = next, settlingReads
	}
	return map[string]any{"id": a.ID, "arn": a.ARN, "status": latticeStatus(a.Pending > 0), "createdBy": c.Account,
		"securityGroupIds": a.Groups}, nil
}

func latticeStatus(updating bool) string {
	if updating {
		return "UPDATE_IN_PROGRESS"
	}
	return "ACTIVE"
}

func (st *regionState) resourceGateway(c *call) (*vpcResource, *apiError) {
	id, e := pathName(c, "/resourcegateways", latticeInvalid)
	if e != nil {
		return nil, e
	}
	for i := range st.resourceGateways {
		if g := &st.resourceGateways[i]; g.Type == id || g.ARN == id {
			return g, nil
		}
	}
	return nil, errf(http.StatusNotFound, "ResourceNotFoundException", "Resource gateway %s not found", id)
}

func resourceGatewayJSON(g *vpcResource, updating bool) map[string]any {
	return map[string]any{"id": g.Type, "arn": g.ARN, "name": g.Name, "status": latticeStatus(updating), "vpcId": g.VpcID,
		"subnetIds": nonNil(g.Subnets), "securityGroupIds": nonNil(g.Groups), "ipAddressType": "IPV4",
		"createdAt": "2023-11-14T22:13:20Z", "lastUpdatedAt": "2023-11-14T22:13:20Z"}
}

func getResourceGateway(c *call) (any, *apiError) {
	g, e := c.state.resourceGateway(c)
	if e != nil {
		return nil, e
	}
	return resourceGatewayJSON(g, g.settling()), nil
}

// updateResourceGateway changes securityGroupIds (0 to 5 groups of the
// gateway's VPC); the gateway's interfaces take them.
func updateResourceGateway(c *call) (any, *apiError) {
	g, e := c.state.resourceGateway(c)
	if e != nil {
		return nil, e
	}
	var req latticeGroupsRequest
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	if req.SecurityGroupIDs != nil {
		next := dedupe(*req.SecurityGroupIDs)
		switch id := c.state.invalidGroup(g.VpcID, next); {
		case len(next) > latticeMaxGroups:
			return nil, latticeInvalid("securityGroupIds must hold at most 5 security groups.")
		case g.Pending > 0:
			return nil, errf(http.StatusConflict, "ConflictException", "Resource gateway %s is UPDATE_IN_PROGRESS.", g.Type)
		case id != "":
			return nil, latticeInvalid("Security group " + id + " is not in VPC " + g.VpcID + ".")
		}
		if !sameSet(g.Groups, next) {
			eni := c.state.gatewayInterfaces[g.Type]
			c.state.retarget(func(n *NetworkInterface) bool { return n.ID == eni }, next)
			g.Groups, g.Pending = next, settlingReads
		}
	}
	out := resourceGatewayJSON(g, g.Pending > 0)
	delete(out, "createdAt") // not in UpdateResourceGatewayResponse
	delete(out, "lastUpdatedAt")
	return out, nil
}
