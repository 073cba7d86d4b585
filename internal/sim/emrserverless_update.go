package sim

import (
	"net/http"
	"slices"
	"strings"
)

// emrServerlessRoute adds PATCH /applications/{id} (UpdateApplication) to
// the reads.
func emrServerlessRoute(r *http.Request) string {
	if r.Method == http.MethodPatch {
		rest, ok := strings.CutPrefix(r.URL.EscapedPath(), "/applications/")
		if ok && rest != "" && !strings.Contains(rest, "/") {
			return "UpdateApplication"
		}
		return ""
	}
	return restGetRoute("/applications", "ListApplications", "GetApplication")(r)
}

// updateEMRServerlessApplication replaces networkConfiguration whole (the
// only member modelled; clientToken required, as in the model): subnets of
// one VPC and groups of it, else ValidationException. Only a CREATED or
// STOPPED application can be updated (ValidationException, as moto and
// the API reference say). The change is in effect at once: workers started
// later get it.
func updateEMRServerlessApplication(c *call) (any, *apiError) {
	id, e := pathName(c, "/applications", emrServerlessInvalid)
	if e != nil {
		return nil, e
	}
	var req struct {
		ClientToken          string `json:"clientToken"`
		NetworkConfiguration *struct {
			SubnetIDs        []string `json:"subnetIds"`
			SecurityGroupIDs []string `json:"securityGroupIds"`
		} `json:"networkConfiguration"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	if req.ClientToken == "" {
		return nil, emrServerlessInvalid("1 validation error detected: Value null at 'clientToken' failed to satisfy constraint: Member must not be null")
	}
	i := slices.IndexFunc(c.state.emrServerlessApps, func(a emrServerlessApp) bool { return a.ID == id })
	if i < 0 {
		return nil, errf(http.StatusNotFound, "ResourceNotFoundException", "Application %s does not exist", id)
	}
	a := &c.state.emrServerlessApps[i]
	if a.State != "CREATED" && a.State != "STOPPED" {
		return nil, emrServerlessInvalid("Application " + id + " must be in one of the following statuses [CREATED, STOPPED]. Current status: " + a.State)
	}
	if n := req.NetworkConfiguration; n != nil {
		vpcID, missing, stray := c.state.subnetsVPC(n.SubnetIDs)
		switch g := c.state.invalidGroup(vpcID, n.SecurityGroupIDs); {
		case missing != "" || stray != "":
			return nil, emrServerlessInvalid("Subnet " + missing + stray + " does not exist or is not in the application's VPC")
		case len(n.SubnetIDs) == 0 && len(n.SecurityGroupIDs) > 0:
			return nil, emrServerlessInvalid("securityGroupIds need subnetIds")
		case g != "":
			return nil, emrServerlessInvalid("Security group " + g + " does not exist in VPC " + vpcID)
		}
		a.Net = &awsvpc{Subnets: slices.Clone(n.SubnetIDs), Groups: dedupe(n.SecurityGroupIDs)}
	}
	return map[string]any{"application": emrServerlessAppJSON(a)}, nil
}
