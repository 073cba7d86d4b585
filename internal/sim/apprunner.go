package sim

import "net/http"

// AWS App Runner (JSON 1.0, target prefix AppRunner): ListVpcConnectors.

var apprunnerOps = map[string]op{
	"ListVpcConnectors": listAppRunnerVpcConnectors,
}

// json10 is the awsJson1_0 protocol: JSON 1.1 with another content type.
var json10 = &protocol{
	name: "json1.0", parse: parseJSON11, errors: jsonErrors,
	writeResult: writeJSONResult("application/x-amz-json-1.0"),
	writeError: func(w http.ResponseWriter, c *call, e *apiError) {
		writeJSONError(w, c, e, "application/x-amz-json-1.0")
	},
}

func listAppRunnerVpcConnectors(c *call) (any, *apiError) {
	var req struct {
		MaxResults int    `json:"MaxResults"`
		NextToken  string `json:"NextToken"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	items, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: badRequest("InvalidRequestException"),
		action: c.Action, max: req.MaxResults, token: req.NextToken}, c.state.appRunnerConnectors)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, v := range items {
		out = append(out, map[string]any{"VpcConnectorName": v.Name, "VpcConnectorArn": v.ARN,
			"VpcConnectorRevision": 1, "Status": "ACTIVE", "CreatedAt": 1700000000,
			"Subnets": nonNil(v.Subnets), "SecurityGroups": nonNil(v.Groups)})
	}
	return withNext(map[string]any{"VpcConnectors": out}, "NextToken", next), nil
}

// appRunnerSpecs are App Runner's part of a region's scenario.
type appRunnerSpecs struct {
	AppRunnerVPCConnectors []VPCResourceSpec `yaml:"apprunner_vpc_connectors"`
}

// appRunnerState is App Runner's part of a regionState; never changed.
type appRunnerState struct {
	appRunnerConnectors []vpcResource
}

func (b *builder) addAppRunner() error {
	return b.addVPCResources("apprunner_vpc_connectors", b.res.AppRunnerVPCConnectors, &b.st.appRunnerConnectors,
		func(n string) string {
			return b.arn("apprunner", "vpcconnector/"+n+"/1/"+b.st.ids.hexN("apprunner", 32))
		})
}
