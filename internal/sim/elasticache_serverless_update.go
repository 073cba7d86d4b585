package sim

import "net/http"

// modifyServerlessCache changes SecurityGroupIds (the only member
// modelled): groups of the cache's VPC, else InvalidParameterValue. The
// cache is "modifying" for the next DescribeServerlessCaches, and another
// change meanwhile is refused (InvalidServerlessCacheStateFault). Its
// endpoint interfaces take the new groups.
func modifyServerlessCache(c *call) (any, *apiError) {
	st, name := c.state, c.Form.Get("ServerlessCacheName")
	if name == "" {
		return nil, errf(http.StatusBadRequest, "InvalidParameterValue", "ServerlessCacheName is required.")
	}
	var s *serverlessCache
	for i := range st.serverlessCaches {
		if st.serverlessCaches[i].Name == name {
			s = &st.serverlessCaches[i]
		}
	}
	if s == nil {
		return nil, errf(http.StatusNotFound, "ServerlessCacheNotFoundFault", "Serverless cache %s not found.", name)
	}
	if next := groupList(c, "SecurityGroupIds.SecurityGroupId"); len(next) > 0 {
		switch id, inVpc := st.badGroup(s.VpcID, next); {
		case s.Pending > 0:
			return nil, errf(http.StatusBadRequest, "InvalidServerlessCacheStateFault", "Serverless cache %s is not in available state.", name)
		case id != "" && inVpc == "":
			return nil, errf(http.StatusBadRequest, "InvalidParameterValue", "The security group %s does not exist.", id)
		case id != "":
			return nil, errf(http.StatusBadRequest, "InvalidParameterValue",
				"The security group %s is in %s, not in the serverless cache's VPC %s.", id, inVpc, s.VpcID)
		}
		if !sameSet(s.Groups, next) {
			owned := map[string]bool{}
			for _, id := range s.Interfaces {
				owned[id] = true
			}
			st.retarget(func(n *NetworkInterface) bool { return owned[n.ID] }, next)
			s.Groups, s.Pending = next, settlingReads
		}
	}
	return struct {
		ServerlessCache xmlServerlessCache `xml:"ServerlessCache"`
	}{s.xml("modifying")}, nil
}
