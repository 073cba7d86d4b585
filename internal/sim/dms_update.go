package sim

import (
	"net/http"
	"strings"
)

// modifyDMSReplicationInstance changes VpcSecurityGroupIds (the only
// member modelled): the instance is "modifying" for the next Describe, and
// another change meanwhile is refused (InvalidResourceStateFault). DMS's
// interfaces ("DMSNetworkInterface") do not name the instance: those in its
// VPC with its old groups move. ApplyImmediately is accepted and ignored.
func modifyDMSReplicationInstance(c *call) (any, *apiError) {
	var req struct {
		ReplicationInstanceArn string   `json:"ReplicationInstanceArn"`
		VpcSecurityGroupIDs    []string `json:"VpcSecurityGroupIds"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	if req.ReplicationInstanceArn == "" {
		return nil, dmsInvalid("1 validation error detected: ReplicationInstanceArn is required")
	}
	var r *vpcResource
	for i := range c.state.dmsInstances {
		if c.state.dmsInstances[i].ARN == req.ReplicationInstanceArn {
			r = &c.state.dmsInstances[i]
		}
	}
	if r == nil {
		return nil, errf(http.StatusBadRequest, "ResourceNotFoundFault", "Replication Instance %s not found", req.ReplicationInstanceArn)
	}
	if next := dedupe(req.VpcSecurityGroupIDs); len(next) > 0 {
		switch id := c.state.invalidGroup(r.VpcID, next); {
		case r.Pending > 0:
			return nil, errf(http.StatusBadRequest, "InvalidResourceStateFault", "Replication instance %s is not in available state", r.Name)
		case id != "":
			return nil, dmsInvalid("The security group " + id + " does not exist in the VPC " + r.VpcID + " of the replication instance.")
		}
		if !sameSet(r.Groups, next) {
			old := r.Groups
			c.state.retarget(func(n *NetworkInterface) bool {
				return strings.HasPrefix(n.Description, "DMSNetworkInterface") && n.VpcID == r.VpcID && sameGroups(n, old)
			}, next)
			r.Groups, r.Pending = next, settlingReads
		}
	}
	return map[string]any{"ReplicationInstance": dmsInstanceJSON(r, false)}, nil
}
