package sim

import (
	"net/http"
	"slices"
)

// updateFlinkApplication changes a VPC configuration's groups
// (ApplicationConfigurationUpdate.VpcConfigurationUpdates[].SecurityGroupIdUpdates,
// the only member modelled). CurrentApplicationVersionId must be the
// application's version, else ConcurrentModificationException ("attempting
// to modify an application without using the current application ID", the
// API reference); each update increments it. The application is UPDATING
// for the next DescribeApplication (a running one restarts), and an update
// meanwhile is ResourceInUseException. An unknown VpcConfigurationId or a
// group outside the VPC is InvalidArgumentException.
func updateFlinkApplication(c *call) (any, *apiError) {
	var req struct {
		Name    string `json:"ApplicationName"`
		Version *int   `json:"CurrentApplicationVersionId"`
		Update  *struct {
			Vpc []struct {
				ID     string    `json:"VpcConfigurationId"`
				Groups *[]string `json:"SecurityGroupIdUpdates"`
			} `json:"VpcConfigurationUpdates"`
		} `json:"ApplicationConfigurationUpdate"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	invalid := badRequest("InvalidArgumentException")
	i := slices.IndexFunc(c.state.flinkApps, func(a flinkApp) bool { return a.Name == req.Name })
	if i < 0 {
		return nil, errf(http.StatusBadRequest, "ResourceNotFoundException", "Application %s does not exist.", req.Name)
	}
	a := &c.state.flinkApps[i]
	switch {
	case a.Pending > 0:
		return nil, errf(http.StatusBadRequest, "ResourceInUseException", "Application %s is UPDATING.", a.Name)
	case req.Version == nil || *req.Version != a.version():
		return nil, errf(http.StatusBadRequest, "ConcurrentModificationException",
			"Current application version %d does not match the application version %d.", deref(req.Version), a.version())
	}
	changed := false
	if req.Update != nil {
		for _, v := range req.Update.Vpc {
			if a.Net == nil || v.ID != "1.1" {
				return nil, invalid("VPC configuration " + v.ID + " does not exist for application " + a.Name + ".")
			}
			if v.Groups == nil {
				continue
			}
			next := dedupe(*v.Groups)
			if g := c.state.invalidGroup(a.VpcID, next); g != "" || len(next) == 0 {
				return nil, invalid("Security group " + g + " is not valid in VPC " + a.VpcID + ".")
			}
			if !slices.Equal(a.Net.Groups, next) {
				a.Net.Groups, changed = next, true
			}
		}
	}
	a.Version++
	if changed {
		a.Pending = settlingReads
	}
	return map[string]any{"ApplicationDetail": flinkDetailJSON(c, a, a.Pending > 0)}, nil
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
