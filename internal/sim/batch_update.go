package sim

// updateComputeEnvironment changes computeResources.securityGroupIds (the
// only member modelled) of a Fargate environment, which AWS updates in
// place: UPDATING for the next Describe, an update meanwhile refused. The
// simulator's EC2 environments stand for ones AWS cannot give an
// infrastructure update (BEST_FIT, or a custom service role): refused, as
// is an unmanaged one. Batch answers every client error ClientException.
func updateComputeEnvironment(c *call) (any, *apiError) {
	var req struct {
		ComputeEnvironment string `json:"computeEnvironment"`
		ComputeResources   *struct {
			SecurityGroupIDs []string `json:"securityGroupIds"`
		} `json:"computeResources"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	var env *batchEnv
	for i := range c.state.batchEnvs {
		if e := &c.state.batchEnvs[i]; e.Name == req.ComputeEnvironment || e.ARN == req.ComputeEnvironment {
			env = e
		}
	}
	if env == nil {
		return nil, batchInvalid("computeEnvironment " + req.ComputeEnvironment + " does not exist")
	}
	if r := req.ComputeResources; r != nil && r.SecurityGroupIDs != nil {
		next := dedupe(r.SecurityGroupIDs)
		vpc := ""
		if len(env.Subnets) > 0 {
			vpc = c.state.subnets[env.Subnets[0]].VpcID
		}
		switch id := c.state.invalidGroup(vpc, next); {
		case env.Groups == nil:
			return nil, batchInvalid("computeResources cannot be updated for an UNMANAGED compute environment")
		case env.LaunchTemplate != "":
			return nil, batchInvalid("Infrastructure updates require the service-linked role AWSServiceRoleForBatch and allocation strategy BEST_FIT_PROGRESSIVE, SPOT_CAPACITY_OPTIMIZED or SPOT_PRICE_CAPACITY_OPTIMIZED")
		case env.Pending > 0:
			return nil, batchInvalid("Compute environment " + env.Name + " is UPDATING")
		case len(next) == 0 || id != "":
			return nil, batchInvalid("Invalid security group " + id + " for the compute environment's VPC " + vpc)
		}
		env.Groups, env.Pending = next, settlingReads
	}
	return map[string]any{"computeEnvironmentName": env.Name, "computeEnvironmentArn": env.ARN}, nil
}
