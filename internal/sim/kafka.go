package sim

import "net/http"

// Amazon MSK (REST-JSON, signing name kafka): ListClustersV2, with
// provisioned and serverless clusters.

var kafkaOps = map[string]op{
	"ListClustersV2": listMSKClustersV2,
}

var kafkaInvalid = badRequest("BadRequestException")

func kafkaRoute(r *http.Request) string {
	if r.Method == http.MethodGet && (r.URL.EscapedPath() == "/api/v2/clusters" || r.URL.EscapedPath() == "/api/v2/clusters/") {
		return "ListClustersV2"
	}
	return ""
}

func listMSKClustersV2(c *call) (any, *apiError) {
	q := c.HTTP.URL.Query()
	size, e := queryInt(c, "maxResults", kafkaInvalid)
	if e != nil {
		return nil, e
	}
	var match []vpcResource
	for _, cl := range c.state.analytics.msk {
		if t := q.Get("clusterTypeFilter"); t != "" && t != cl.Type {
			continue
		}
		if n := q.Get("clusterNameFilter"); n != "" && (len(cl.Name) < len(n) || cl.Name[:len(n)] != n) {
			continue // the filter is a name prefix
		}
		match = append(match, cl)
	}
	items, next, e := pageSlice(jsonPage{def: 10, limit: 100, invalid: kafkaInvalid, action: c.Action,
		max: size, token: q.Get("nextToken")}, match)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, cl := range items {
		v := map[string]any{"clusterArn": cl.ARN, "clusterName": cl.Name, "clusterType": cl.Type,
			"state": "ACTIVE", "currentVersion": "K3AEGXETSR30VB", "creationTime": "2024-01-02T03:04:05.000Z",
			"tags": tagMap(cl.Tags)}
		if cl.Type == "SERVERLESS" {
			v["serverless"] = map[string]any{"vpcConfigs": []map[string]any{
				{"subnetIds": nonNil(cl.Subnets), "securityGroupIds": nonNil(cl.Groups)}}}
		} else {
			v["provisioned"] = map[string]any{"numberOfBrokerNodes": 3, "brokerNodeGroupInfo": map[string]any{
				"instanceType": "kafka.m5.large", "clientSubnets": nonNil(cl.Subnets), "securityGroups": nonNil(cl.Groups)}}
		}
		out = append(out, v)
	}
	return withNext(map[string]any{"clusterInfoList": out}, "nextToken", next), nil
}
