package sim

import "net/http"

// updateMWAAEnvironment changes NetworkConfiguration.SecurityGroupIds (the
// only member modelled; MWAA cannot change subnets): 1 to 5 groups of the
// environment's VPC, else ValidationException. The environment is UPDATING
// for the next GetEnvironment, and an update meanwhile is refused. The VPC
// endpoints MWAA creates for the environment are not moved (not modelled).
const mwaaMaxGroups = 5

func updateMWAAEnvironment(c *call) (any, *apiError) {
	name, e := pathName(c, "/environments", mwaaInvalid)
	if e != nil {
		return nil, e
	}
	var req struct {
		NetworkConfiguration *struct {
			SecurityGroupIDs []string `json:"SecurityGroupIds"`
		} `json:"NetworkConfiguration"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	var env *vpcResource
	for i := range c.state.mwaaEnvs {
		if c.state.mwaaEnvs[i].Name == name {
			env = &c.state.mwaaEnvs[i]
		}
	}
	if env == nil {
		return nil, errf(http.StatusNotFound, "ResourceNotFoundException", "Environment %s not found", name)
	}
	if n := req.NetworkConfiguration; n != nil {
		next := dedupe(n.SecurityGroupIDs)
		switch id := c.state.invalidGroup(env.VpcID, next); {
		case len(next) == 0 || len(next) > mwaaMaxGroups:
			return nil, mwaaInvalid("1 validation error detected: Value at 'networkConfiguration.securityGroupIds' failed to satisfy constraint: Member must have length between 1 and 5")
		case env.Pending > 0:
			return nil, mwaaInvalid("Environment " + name + " is UPDATING; it can be updated only when AVAILABLE.")
		case id != "":
			return nil, mwaaInvalid("Security group " + id + " does not exist in the environment's VPC " + env.VpcID + ".")
		}
		env.Groups, env.Pending = next, settlingReads
	}
	return map[string]any{"Arn": env.ARN}, nil
}
