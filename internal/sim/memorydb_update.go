package sim

import "net/http"

// updateMemoryDBCluster changes SecurityGroupIds (the only member
// modelled): groups of the cluster's VPC, else InvalidVPCNetworkStateFault
// (InvalidParameterValueException for a group that does not exist). The
// cluster is "updating", its new groups "modifying", for the next
// DescribeClusters, and another change meanwhile is refused
// (InvalidClusterStateFault). Its node interfaces take the new groups.
func updateMemoryDBCluster(c *call) (any, *apiError) {
	var req struct {
		ClusterName      string   `json:"ClusterName"`
		SecurityGroupIDs []string `json:"SecurityGroupIds"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	if req.ClusterName == "" {
		return nil, memoryDBInvalid("ClusterName is required")
	}
	var m *memoryDBCluster
	for i := range c.state.memoryDBClusters {
		if c.state.memoryDBClusters[i].Name == req.ClusterName {
			m = &c.state.memoryDBClusters[i]
		}
	}
	if m == nil {
		return nil, errf(http.StatusBadRequest, "ClusterNotFoundFault", "Cluster %s not found", req.ClusterName)
	}
	if next := dedupe(req.SecurityGroupIDs); len(next) > 0 {
		switch id, inVpc := c.state.badGroup(m.VpcID, next); {
		case m.Pending > 0:
			return nil, errf(http.StatusBadRequest, "InvalidClusterStateFault", "Cluster %s is not in available state", m.Name)
		case id != "" && inVpc == "":
			return nil, memoryDBInvalid("The security group " + id + " does not exist")
		case id != "":
			return nil, errf(http.StatusBadRequest, "InvalidVPCNetworkStateFault",
				"The security group %s is in %s, not in the cluster's VPC %s", id, inVpc, m.VpcID)
		}
		if !sameSet(m.Groups, next) {
			owned := map[string]bool{}
			for _, id := range m.Interfaces {
				owned[id] = true
			}
			c.state.retarget(func(n *NetworkInterface) bool { return owned[n.ID] }, next)
			m.Groups, m.Pending = next, settlingReads
		}
	}
	return map[string]any{"Cluster": memoryDBClusterJSON(c, m, m.Pending > 0)}, nil
}
