package sim

import (
	"net/http"
	"slices"
)

// rssMaxGroups is the simulator's bound on a group list; the Redshift
// Serverless API reference states none, EC2's per-interface limit (5 by
// default) applies to the interfaces.
const rssMaxGroups = 5

// rssWorkgroupJSON is a workgroup as GetWorkgroup, ListWorkgroups and
// UpdateWorkgroup return it. A group change shows MODIFYING in the update's
// answer and the next read (a read counts it down), as AWS reports while
// it replaces the interfaces.
func rssWorkgroupJSON(w *rssWorkgroup, read bool) map[string]any {
	status := "AVAILABLE"
	if w.Pending > 0 {
		status = "MODIFYING"
		if read {
			w.Pending--
		}
	}
	return map[string]any{"workgroupName": w.Name, "workgroupArn": w.ARN, "workgroupId": w.ID,
		"namespaceName": w.Name + "-ns", "status": status, "securityGroupIds": nonNil(w.Groups),
		"subnetIds": nonNil(w.Subnets), "baseCapacity": 128, "enhancedVpcRouting": false, "publiclyAccessible": false,
		"creationDate": "2023-11-14T22:13:20Z", "port": 5439}
}

// rssEndpointJSON is a managed VPC endpoint as GetEndpointAccess,
// ListEndpointAccess and UpdateEndpointAccess return it, MODIFYING like a
// workgroup.
func rssEndpointJSON(ep *vpcResource, read bool) map[string]any {
	sgs := []map[string]string{}
	for _, g := range ep.Groups {
		sgs = append(sgs, map[string]string{"vpcSecurityGroupId": g, "status": "active"})
	}
	status := "ACTIVE"
	if (read && ep.settling()) || (!read && ep.Pending > 0) {
		status = "MODIFYING"
	}
	return map[string]any{"endpointName": ep.Name, "endpointArn": ep.ARN, "endpointStatus": status,
		"workgroupName": ep.Type, "subnetIds": nonNil(ep.Subnets), "vpcSecurityGroups": sgs, "port": 5439,
		"endpointCreateTime": "2023-11-14T22:13:20Z"}
}

func rssNotFound(what, name string) *apiError {
	return errf(http.StatusBadRequest, "ResourceNotFoundException", "%s %s not found.", what, name)
}

func (st *regionState) rssWorkgroup(name string) *rssWorkgroup {
	for i := range st.rssWorkgroups {
		if st.rssWorkgroups[i].Name == name {
			return &st.rssWorkgroups[i]
		}
	}
	return nil
}

func (st *regionState) rssEndpoint(name string) *vpcResource {
	for i := range st.rssEndpoints {
		if st.rssEndpoints[i].Name == name {
			return &st.rssEndpoints[i]
		}
	}
	return nil
}

func getRSSWorkgroup(c *call) (any, *apiError) {
	var req struct {
		WorkgroupName string `json:"workgroupName"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	w := c.state.rssWorkgroup(req.WorkgroupName)
	if w == nil {
		return nil, rssNotFound("Workgroup", req.WorkgroupName)
	}
	return map[string]any{"workgroup": rssWorkgroupJSON(w, true)}, nil
}

// rssGroups checks a new group list against the resource's VPC.
func rssGroups(st *regionState, vpcID string, ids []string) ([]string, *apiError) {
	next := dedupe(ids)
	switch id := st.invalidGroup(vpcID, next); {
	case len(next) == 0 || len(next) > rssMaxGroups:
		return nil, rssValidation("securityGroupIds must hold between 1 and 5 security group ids")
	case id != "":
		return nil, rssValidation("Security group " + id + " does not exist in VPC " + vpcID + ".")
	}
	return next, nil
}

// updateRSSWorkgroup changes securityGroupIds, the only member modelled.
// AWS accepts one parameter per request ("You can't update multiple
// parameters in one request"), and refuses a change while the workgroup is
// MODIFYING (ConflictException).
func updateRSSWorkgroup(c *call) (any, *apiError) {
	var req map[string]any
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	name, _ := req["workgroupName"].(string)
	w := c.state.rssWorkgroup(name)
	if w == nil {
		return nil, rssNotFound("Workgroup", name)
	}
	if len(req) > 2 {
		return nil, rssValidation("You can't update multiple parameters in one request.")
	}
	if raw, ok := req["securityGroupIds"]; ok {
		ids, ok := stringList(raw)
		if !ok {
			return nil, rssValidation("securityGroupIds must be a list of strings")
		}
		next, e := rssGroups(c.state, w.VpcID, ids)
		if e != nil {
			return nil, e
		}
		if w.Pending > 0 {
			return nil, errf(http.StatusBadRequest, "ConflictException", "Workgroup %s is currently being modified.", name)
		}
		if !slices.Equal(next, w.Groups) {
			c.state.retarget(func(n *NetworkInterface) bool { return slices.Contains(w.Interfaces, n.ID) }, next)
			w.Groups, w.Pending = next, settlingReads
		}
	}
	return map[string]any{"workgroup": rssWorkgroupJSON(w, false)}, nil
}

func getRSSEndpoint(c *call) (any, *apiError) {
	var req struct {
		EndpointName string `json:"endpointName"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	ep := c.state.rssEndpoint(req.EndpointName)
	if ep == nil {
		return nil, rssNotFound("Endpoint", req.EndpointName)
	}
	return map[string]any{"endpoint": rssEndpointJSON(ep, true)}, nil
}

// updateRSSEndpoint changes vpcSecurityGroupIds (the only member besides
// the name).
func updateRSSEndpoint(c *call) (any, *apiError) {
	var req struct {
		EndpointName        string   `json:"endpointName"`
		VpcSecurityGroupIds []string `json:"vpcSecurityGroupIds"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	ep := c.state.rssEndpoint(req.EndpointName)
	if ep == nil {
		return nil, rssNotFound("Endpoint", req.EndpointName)
	}
	if req.VpcSecurityGroupIds != nil {
		next, e := rssGroups(c.state, ep.VpcID, req.VpcSecurityGroupIds)
		if e != nil {
			return nil, e
		}
		if ep.Pending > 0 {
			return nil, errf(http.StatusBadRequest, "ConflictException", "Endpoint %s is currently being modified.", ep.Name)
		}
		if !slices.Equal(next, ep.Groups) {
			enis := c.state.rssEndpointENIs[ep.Name]
			c.state.retarget(func(n *NetworkInterface) bool { return slices.Contains(enis, n.ID) }, next)
			ep.Groups, ep.Pending = next, settlingReads
		}
	}
	return map[string]any{"endpoint": rssEndpointJSON(ep, false)}, nil
}

// stringList reads a decoded JSON list of strings.
func stringList(v any) ([]string, bool) {
	list, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		s, ok := e.(string)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}
