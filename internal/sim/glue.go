package sim

// glueOps is AWS Glue (JSON 1.1, target prefix AWSGlue): connections, the
// only Glue resource that names security groups in this simulator.
var glueOps = map[string]op{
	"GetConnections": getGlueConnections,
}

func getGlueConnections(c *call) (any, *apiError) {
	var req struct {
		Filter struct {
			ConnectionType string `json:"ConnectionType"`
		} `json:"Filter"`
		NextToken  string `json:"NextToken"`
		MaxResults int    `json:"MaxResults"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	var conns []glueConnection
	for _, g := range c.state.app.glue {
		if req.Filter.ConnectionType == "" || req.Filter.ConnectionType == g.Type {
			conns = append(conns, g)
		}
	}
	items, next, e := pageSlice(jsonPage{def: 100, limit: 1000, invalid: badRequest("InvalidInputException"),
		action: c.Action, max: req.MaxResults, token: req.NextToken}, conns)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, g := range items {
		v := map[string]any{"Name": g.Name, "ConnectionType": g.Type, "CreationTime": orgJoined, "LastUpdatedTime": orgJoined,
			"ConnectionProperties": map[string]string{"JDBC_CONNECTION_URL": "jdbc:postgresql://db.internal:5432/" + g.Name}}
		if g.SubnetID != "" {
			v["PhysicalConnectionRequirements"] = map[string]any{"SubnetId": g.SubnetID,
				"SecurityGroupIdList": nonNil(g.Groups), "AvailabilityZone": g.AZ}
		}
		out = append(out, v)
	}
	return withNext(map[string]any{"ConnectionList": out}, "NextToken", next), nil
}
