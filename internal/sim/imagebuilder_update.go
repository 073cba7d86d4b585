package sim

import "slices"

// updateInfrastructureConfiguration replaces the configuration whole, as
// AWS does: a member the request leaves out (description, instance types,
// terminateInstanceOnFailure, subnet, groups) is gone. clientToken and
// instanceProfileName are required (the model's); the groups must be in
// subnetId's VPC, or in the default VPC without one (InvalidRequestException,
// the simulator's choice). In effect at once: the next build gets it.
func updateInfrastructureConfiguration(c *call) (any, *apiError) {
	var req struct {
		ARN            string   `json:"infrastructureConfigurationArn"`
		ClientToken    string   `json:"clientToken"`
		Profile        string   `json:"instanceProfileName"`
		Description    string   `json:"description"`
		InstanceTypes  []string `json:"instanceTypes"`
		Groups         []string `json:"securityGroupIds"`
		Subnet         string   `json:"subnetId"`
		TerminateOnErr *bool    `json:"terminateInstanceOnFailure"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	if req.ClientToken == "" || req.Profile == "" || req.ARN == "" {
		return nil, imageBuilderInvalid("infrastructureConfigurationArn, instanceProfileName and clientToken are required")
	}
	i := slices.IndexFunc(c.state.infraConfigs, func(ic infraConfig) bool { return ic.ARN == req.ARN })
	if i < 0 {
		return nil, imageBuilderInvalid("The value supplied for parameter 'infrastructureConfigurationArn' is not valid: " + req.ARN + " does not exist.")
	}
	vpcID := ""
	if v := c.state.defaultVPC(); v != nil {
		vpcID = v.ID
	}
	if req.Subnet != "" {
		sn := c.state.subnets[req.Subnet]
		if sn == nil {
			return nil, imageBuilderInvalid("The subnet ID '" + req.Subnet + "' does not exist.")
		}
		vpcID = sn.VpcID
	}
	if g := c.state.invalidGroup(vpcID, req.Groups); g != "" {
		return nil, imageBuilderInvalid("The security group '" + g + "' does not exist in the VPC " + vpcID + ".")
	}
	ic := &c.state.infraConfigs[i]
	ic.Profile, ic.Description, ic.InstanceTypes = req.Profile, req.Description, slices.Clone(req.InstanceTypes)
	ic.Groups, ic.Subnet, ic.Terminate = dedupe(req.Groups), req.Subnet, req.TerminateOnErr
	return map[string]any{"requestId": c.RequestID, "clientToken": req.ClientToken, "infrastructureConfigurationArn": ic.ARN}, nil
}
