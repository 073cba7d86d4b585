package sim

import "net/http"

// updateGlueConnection replaces the whole connection definition with
// ConnectionInput, as AWS does: properties, description and physical
// connection requirements that the request leaves out are gone. Glue
// creates interfaces only while a job or crawler runs, so none move.
// Renaming through ConnectionInput.Name is not modelled (refused).
func updateGlueConnection(c *call) (any, *apiError) {
	var req struct {
		Name            string `json:"Name"`
		ConnectionInput *struct {
			Name                           string            `json:"Name"`
			ConnectionType                 string            `json:"ConnectionType"`
			Description                    string            `json:"Description"`
			ConnectionProperties           map[string]string `json:"ConnectionProperties"`
			PhysicalConnectionRequirements *struct {
				SubnetID            string   `json:"SubnetId"`
				SecurityGroupIDList []string `json:"SecurityGroupIdList"`
				AvailabilityZone    string   `json:"AvailabilityZone"`
			} `json:"PhysicalConnectionRequirements"`
		} `json:"ConnectionInput"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	in := req.ConnectionInput
	switch {
	case req.Name == "" || in == nil || in.Name == "" || in.ConnectionType == "" || in.ConnectionProperties == nil:
		return nil, glueInvalid("1 validation error detected: Name, ConnectionInput.Name, ConnectionInput.ConnectionType and ConnectionInput.ConnectionProperties are required")
	}
	g := c.state.glueConnectionNamed(req.Name)
	switch {
	case g == nil:
		return nil, glueNotFound(req.Name)
	case in.Name != req.Name:
		return nil, glueInvalid("Renaming a connection is not supported by the simulator.")
	case in.ConnectionType != g.Type:
		return nil, glueInvalid("Connection type cannot be changed.")
	}
	next := glueConnection{Name: g.Name, Type: g.Type, Description: in.Description, Properties: in.ConnectionProperties}
	if r := in.PhysicalConnectionRequirements; r != nil {
		if r.SubnetID != "" {
			sn := c.state.subnets[r.SubnetID]
			if sn == nil {
				return nil, glueInvalid("Subnet " + r.SubnetID + " does not exist.")
			}
			if id := c.state.invalidGroup(sn.VpcID, r.SecurityGroupIDList); id != "" {
				return nil, glueInvalid("Security group " + id + " does not exist in the subnet's VPC " + sn.VpcID + ".")
			}
		}
		next.SubnetID, next.AZ, next.Groups = r.SubnetID, r.AvailabilityZone, r.SecurityGroupIDList
	}
	*g = next
	return map[string]any{}, nil
}

func (st *regionState) glueConnectionNamed(name string) *glueConnection {
	for i := range st.glueConnections {
		if st.glueConnections[i].Name == name {
			return &st.glueConnections[i]
		}
	}
	return nil
}

func glueNotFound(name string) *apiError {
	return errf(http.StatusBadRequest, "EntityNotFoundException", "Connection %s not found.", name)
}

var glueInvalid = badRequest("InvalidInputException")
