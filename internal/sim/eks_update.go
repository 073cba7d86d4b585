package sim

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// EKS applies resourcesVpcConfig.securityGroupIds as an asynchronous
// VpcConfigUpdate: the cluster is UPDATING for the next DescribeCluster,
// another update meanwhile is refused (ResourceInUseException). The
// control plane's interfaces ("Amazon EKS <cluster>") move at once: the
// old additional groups are replaced by the new ones, the cluster security
// group stays. Only the groups are modelled; other members are ignored.
const eksMaxGroups = 5

func updateEKSClusterConfig(c *call) (any, *apiError) {
	name, err := url.PathUnescape(strings.TrimSuffix(strings.TrimPrefix(c.HTTP.URL.EscapedPath(), "/clusters/"), "/update-config"))
	if err != nil {
		return nil, eksInvalid("bad cluster name")
	}
	var req struct {
		ResourcesVpcConfig *struct {
			SecurityGroupIDs []string `json:"securityGroupIds"`
		} `json:"resourcesVpcConfig"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	var cl *eksCluster
	for i := range c.state.eksClusters {
		if c.state.eksClusters[i].Name == name {
			cl = &c.state.eksClusters[i]
		}
	}
	if cl == nil {
		return nil, errf(http.StatusNotFound, "ResourceNotFoundException", "No cluster found for name: %s.", name)
	}
	if req.ResourcesVpcConfig == nil || req.ResourcesVpcConfig.SecurityGroupIDs == nil {
		return nil, eksInvalid("The simulator models only resourcesVpcConfig.securityGroupIds updates.")
	}
	next := dedupe(req.ResourcesVpcConfig.SecurityGroupIDs)
	switch id := c.state.invalidGroup(cl.VpcID, next); {
	case cl.Pending > 0:
		return nil, errf(http.StatusConflict, "ResourceInUseException", "Cluster %s has an update in progress.", name)
	case len(next) > eksMaxGroups:
		return nil, eksInvalid("Security group list cannot have more than 5 security groups.")
	case id != "":
		return nil, eksInvalid("The security group '" + id + "' does not exist in VPC '" + cl.VpcID + "'.")
	}
	for _, n := range c.state.enis {
		if n.Description != "Amazon EKS "+cl.Name {
			continue
		}
		var keep []string
		for _, g := range n.Groups {
			if !slices.Contains(cl.Groups, g) {
				keep = append(keep, g)
			}
		}
		n.Groups = dedupe(append(keep, next...))
	}
	cl.Groups, cl.Pending = next, settlingReads
	h := c.state.ids.hexN("eks-update", 32)
	return map[string]any{"update": map[string]any{"id": h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:], "status": "InProgress", "type": "VpcConfigUpdate",
		"params":    []map[string]string{{"type": "SecurityGroups", "value": `["` + strings.Join(next, `","`) + `"]`}},
		"createdAt": orgJoined, "errors": []any{}}}, nil
}

// status is ACTIVE, or UPDATING while an update settles (counting the read).
func (cl *eksCluster) status() string {
	if cl.Pending == 0 {
		return "ACTIVE"
	}
	cl.Pending--
	return "UPDATING"
}

var eksInvalid = badRequest("InvalidParameterException")
