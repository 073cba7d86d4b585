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
	for _, cl := range c.state.mskClusters {
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

// mskSpecs are MSK's part of a region's scenario.
type mskSpecs struct {
	MSKClusters []MSKClusterSpec `yaml:"msk_clusters"`
}

// mskState is MSK's part of a regionState; never changed.
type mskState struct {
	mskClusters []vpcResource // Type PROVISIONED or SERVERLESS
}

// MSKClusterSpec is an MSK cluster (msk_clusters): Type provisioned
// (default; groups in BrokerNodeGroupInfo) or serverless (groups in its
// one VpcConfig). Omitted groups: the VPC's default group.
type MSKClusterSpec struct {
	Name      string `yaml:"name"`
	Type      string `yaml:"type"`
	Placement `yaml:",inline"`
	Tags      map[string]string `yaml:"tags"`
}

// addMSK builds MSK clusters; Type provisioned (the default) or
// serverless decides where the groups show.
func (b *builder) addMSK() error {
	specs := make([]VPCResourceSpec, len(b.res.MSKClusters))
	for i, c := range b.res.MSKClusters {
		specs[i] = VPCResourceSpec{Name: c.Name, Placement: c.Placement, Tags: c.Tags}
	}
	start := len(b.st.mskClusters)
	if err := b.addVPCResources("msk_clusters", specs, &b.st.mskClusters,
		func(n string) string { return b.arn("kafka", "cluster/"+n+"/"+b.uuid()+"-1") }); err != nil {
		return err
	}
	for i, c := range b.res.MSKClusters {
		switch c.Type {
		case "", "provisioned":
			b.st.mskClusters[start+i].Type = "PROVISIONED"
		case "serverless":
			b.st.mskClusters[start+i].Type = "SERVERLESS"
		default:
			return b.errAt(path{"msk_clusters", i, "type"}, "type %q is not provisioned or serverless", c.Type)
		}
	}
	return nil
}
