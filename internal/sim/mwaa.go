package sim

import "net/http"

// Amazon MWAA (REST-JSON, signing name airflow): ListEnvironments and
// GetEnvironment. The SDK sends both to the api. host prefix, which a
// client with a custom endpoint must turn off to reach the simulator.

var mwaaOps = map[string]op{
	"ListEnvironments": listMWAAEnvironments,
	"GetEnvironment":   getMWAAEnvironment,
}

var mwaaInvalid = badRequest("ValidationException")

var mwaaRoute = restGetRoute("/environments", "ListEnvironments", "GetEnvironment")

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
	for _, env := range c.state.mwaaEnvs {
		if env.Name == name {
			return map[string]any{"Environment": map[string]any{"Name": env.Name, "Arn": env.ARN,
				"Status": "AVAILABLE", "AirflowVersion": "2.10.1", "EnvironmentClass": "mw1.small",
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

// mwaaState is MWAA's part of a regionState; never changed.
type mwaaState struct {
	mwaaEnvs []vpcResource
}

func (b *builder) addMWAA() error {
	return b.addVPCResources("mwaa_environments", b.res.MWAAEnvironments, &b.st.mwaaEnvs,
		func(n string) string { return b.arn("airflow", "environment/"+n) })
}
