package sim

import (
	"net/http"
	"strings"
)

// Amazon MWAA (REST-JSON, signing name airflow): ListEnvironments and
// GetEnvironment. The SDK sends both to the api. host prefix, which a
// client with a custom endpoint must turn off to reach the simulator.

var mwaaOps = map[string]op{
	"ListEnvironments": regionLocked(listMWAAEnvironments),
	"GetEnvironment":   regionLocked(getMWAAEnvironment),
	// mwaa_update.go
	"UpdateEnvironment": regionLocked(updateMWAAEnvironment),
}

var mwaaInvalid = badRequest("ValidationException")

// mwaaRoute adds PATCH /environments/{Name} (UpdateEnvironment) to the
// reads.
func mwaaRoute(r *http.Request) string {
	if r.Method == http.MethodPatch {
		rest, ok := strings.CutPrefix(r.URL.EscapedPath(), "/environments/")
		if ok && rest != "" && !strings.Contains(rest, "/") {
			return "UpdateEnvironment"
		}
		return ""
	}
	return restGetRoute("/environments", "ListEnvironments", "GetEnvironment")(r)
}

func listMWAAEnvironments(c *call) (any, *apiError) {
	size, e := queryInt(c, "MaxResults", mwaaInvalid)
	if e != nil {
		return nil, e
	}
	items, next, e := pageSlice(jsonPage{def: 25, limit: 25, invalid: mwaaInvalid, action: c.Action,
		max: size, token: c.HTTP.URL.Query().Get("NextToken")}, c.state.mwaaEnvs)
	if e != nil {
		return nil, e
	}
	names := []string{}
	for _, env := range items {
		names = append(names, env.Name)
	}
	return withNext(map[string]any{"Environments": names}, "NextToken", next), nil
}

func getMWAAEnvironment(c *call) (any, *apiError) {
	name, e := pathName(c, "/environments", mwaaInvalid)
	if e != nil {
		return nil, e
	}
	for i := range c.state.mwaaEnvs {
		if env := &c.state.mwaaEnvs[i]; env.Name == name {
			status := "AVAILABLE"
			if env.settling() {
				status = "UPDATING"
			}
			return map[string]any{"Environment": map[string]any{"Name": env.Name, "Arn": env.ARN,
				"Status": status, "AirflowVersion": "2.10.1", "EnvironmentClass": "mw1.small",
				"Tags": tagMap(env.Tags), "NetworkConfiguration": map[string]any{
					"SubnetIds": nonNil(env.Subnets), "SecurityGroupIds": nonNil(env.Groups)}}}, nil
		}
	}
	return nil, errf(http.StatusNotFound, "ResourceNotFoundException", "Environment %s not found", name)
}

// mwaaSpecs are MWAA's part of a region's scenario.
type mwaaSpecs struct {
	MWAAEnvironments []VPCResourceSpec `yaml:"mwaa_environments"`
}

// mwaaState is MWAA's part of a regionState; UpdateEnvironment changes it.
type mwaaState struct {
	mwaaEnvs []vpcResource
}

func (b *builder) addMWAA() error {
	return b.addVPCResources("mwaa_environments", b.res.MWAAEnvironments, &b.st.mwaaEnvs,
		func(n string) string { return b.arn("airflow", "environment/"+n) })
}
