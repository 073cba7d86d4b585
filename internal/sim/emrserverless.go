package sim

import (
	"net/http"
	"slices"
	"strings"
)

// EMR Serverless (REST-JSON, signing name emr-serverless): ListApplications
// (GET /applications), GetApplication (GET /applications/{id}) and
// UpdateApplication (emrserverless_update.go).

var emrServerlessOps = map[string]op{
	"ListApplications":  regionLocked(listEMRServerlessApplications),
	"GetApplication":    regionLocked(getEMRServerlessApplication),
	"UpdateApplication": regionLocked(updateEMRServerlessApplication),
}

var emrServerlessInvalid = badRequest("ValidationException")

func listEMRServerlessApplications(c *call) (any, *apiError) {
	q := c.HTTP.URL.Query()
	max, e := queryInt(c, "maxResults", emrServerlessInvalid)
	if e != nil {
		return nil, e
	}
	var items []emrServerlessApp
	for _, a := range c.state.emrServerlessApps {
		if len(q["states"]) == 0 || slices.Contains(q["states"], a.State) {
			items = append(items, a)
		}
	}
	page, next, e := pageSlice(jsonPage{def: 50, limit: 50, invalid: emrServerlessInvalid, action: c.Action, max: max, token: q.Get("nextToken")}, items)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, a := range page {
		out = append(out, map[string]any{"id": a.ID, "name": a.Name, "arn": a.ARN, "releaseLabel": "emr-7.0.0", "type": "SPARK",
			"state": a.State, "createdAt": 1700000000, "updatedAt": 1700000000, "architecture": "X86_64"})
	}
	return withNext(map[string]any{"applications": out}, "nextToken", next), nil
}

func getEMRServerlessApplication(c *call) (any, *apiError) {
	id, e := pathName(c, "/applications", emrServerlessInvalid)
	if e != nil {
		return nil, e
	}
	for i := range c.state.emrServerlessApps {
		if a := &c.state.emrServerlessApps[i]; a.ID == id {
			return map[string]any{"application": emrServerlessAppJSON(a)}, nil
		}
	}
	return nil, errf(http.StatusNotFound, "ResourceNotFoundException", "Application %s does not exist", id)
}

func emrServerlessAppJSON(a *emrServerlessApp) map[string]any {
	app := map[string]any{"applicationId": a.ID, "name": a.Name, "arn": a.ARN, "releaseLabel": "emr-7.0.0", "type": "SPARK",
		"state": a.State, "createdAt": 1700000000, "updatedAt": 1700000000, "architecture": "X86_64", "tags": nonNilMap(a.Tags),
		"autoStartConfiguration": map[string]any{"enabled": true}}
	if a.Net != nil {
		app["networkConfiguration"] = map[string]any{"subnetIds": nonNil(a.Net.Subnets), "securityGroupIds": nonNil(a.Net.Groups)}
	}
	return app
}

// emrServerlessSpecs are EMR Serverless's part of a region's scenario.
type emrServerlessSpecs struct {
	EMRServerlessApplications []EMRServerlessApplicationSpec `yaml:"emrserverless_applications"`
}

// emrServerlessState is EMR Serverless's part of a regionState; UpdateApplication changes it.
type emrServerlessState struct {
	emrServerlessApps []emrServerlessApp
}

type emrServerlessApp struct {
	ID, Name, ARN, State string
	Net                  *awsvpc // nil: no networkConfiguration
	Tags                 map[string]string
}

// EMRServerlessApplicationSpec is an EMR Serverless application: omitted
// groups mean no networkConfiguration, [] subnets and no group (workers
// then run in the VPC's default group); state defaults to CREATED.
type EMRServerlessApplicationSpec struct {
	Name      string            `yaml:"name"`
	State     string            `yaml:"state"`
	Tags      map[string]string `yaml:"tags"`
	Placement `yaml:",inline"`
}

func (b *builder) addEMRServerless() error {
	seen := map[string]bool{}
	for i, s := range b.res.EMRServerlessApplications {
		at := path{"emrserverless_applications", i}
		if err := b.unique(seen, s.Name, at); err != nil {
			return err
		}
		_, net, err := b.optionalNet(s.Placement, at)
		if err != nil {
			return err
		}
		state := strings.ToUpper(s.State)
		if state == "" {
			state = "CREATED"
		}
		id := "00" + b.st.ids.hexN("emr-serverless", 14)
		b.st.emrServerlessApps = append(b.st.emrServerlessApps, emrServerlessApp{ID: id, Name: s.Name, State: state, Net: net, Tags: s.Tags,
			ARN: b.arn("emr-serverless", "/applications/"+id)})
	}
	return nil
}
