package sim

import (
	"net/http"
	"slices"
	"strings"
)

// applySecurityGroupsToClientVpnTargetNetwork replaces the groups of a
// Client VPN endpoint, as AWS documents ("replaces the existing security
// groups with the specified security groups"): ClientVpnEndpointId, VpcId
// and at least one SecurityGroupId are required; the VPC must be the
// endpoint's (changing it is not modelled) and every group in it, at most
// 5. The interfaces whose description names the endpoint move.
func applySecurityGroupsToClientVpnTargetNetwork(c *call, st *regionState) (any, *apiError) {
	id, vpcID := c.Form.Get("ClientVpnEndpointId"), c.Form.Get("VpcId")
	next := dedupe(list(c.Form, "SecurityGroupId"))
	switch {
	case id == "":
		return nil, missingParameter("ClientVpnEndpointId")
	case vpcID == "":
		return nil, missingParameter("VpcId")
	case len(next) == 0:
		return nil, missingParameter("SecurityGroupId")
	}
	ep := st.clientVPNs[id]
	if ep == nil {
		return nil, notFound("InvalidClientVpnEndpointId.NotFound", "Endpoint %s does not exist", id)
	}
	if vpcID != ep.VpcID {
		return nil, invalidParameterValue("The simulator does not model moving Client VPN endpoint %s from %s to %s.", id, ep.VpcID, vpcID)
	}
	for _, gid := range next {
		g, e := st.group(gid)
		if e != nil {
			return nil, e
		}
		if g.VpcID != vpcID {
			return nil, notFound("InvalidGroup.NotFound", "The security group '%s' does not exist in VPC '%s'", gid, vpcID)
		}
	}
	if len(next) > maxGroupsPerInterface {
		return nil, errf(http.StatusBadRequest, "SecurityGroupsPerInterfaceLimitExceeded",
			"You have exceeded the maximum number of security groups allowed per network interface.")
	}
	st.retarget(func(n *NetworkInterface) bool { return slices.Contains(strings.Fields(n.Description), id) }, next)
	ep.Groups = next
	return &struct {
		ec2Meta
		SecurityGroupIDs items[string] `xml:"securityGroupIds"`
	}{SecurityGroupIDs: items[string]{Item: next}}, nil
}
