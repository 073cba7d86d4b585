package sim

import (
	"net/http"
	"slices"
)

// EMR (JSON 1.1, target prefix ElasticMapReduce, signing name
// elasticmapreduce): ListClusters and DescribeCluster.

var emrOps = map[string]op{
	"ListClusters":    listEMRClusters,
	"DescribeCluster": describeEMRCluster,
}

var emrInvalid = badRequest("InvalidRequestException")

func listEMRClusters(c *call) (any, *apiError) {
	var req struct {
		ClusterStates []string `json:"ClusterStates"`
		Marker        string   `json:"Marker"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	var items []emrCluster
	for _, cl := range c.state.jobs.emr {
		if len(req.ClusterStates) == 0 || slices.Contains(req.ClusterStates, "WAITING") {
			items = append(items, cl)
		}
	}
	page, next, e := pageSlice(jsonPage{def: 50, limit: 50, invalid: emrInvalid, action: c.Action, token: req.Marker}, items)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, cl := range page {
		out = append(out, map[string]any{"Id": cl.ID, "Name": cl.Name, "ClusterArn": cl.ARN,
			"Status": map[string]any{"State": "WAITING"}})
	}
	return withNext(map[string]any{"Clusters": out}, "Marker", next), nil
}

func describeEMRCluster(c *call) (any, *apiError) {
	var req struct {
		ClusterID string `json:"ClusterId"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	for _, cl := range c.state.jobs.emr {
		if cl.ID != req.ClusterID {
			continue
		}
		attrs := map[string]any{"Ec2SubnetId": cl.Subnet, "EmrManagedMasterSecurityGroup": cl.Master,
			"EmrManagedSlaveSecurityGroup": cl.Slave, "AdditionalMasterSecurityGroups": append([]string{}, cl.Additional...),
			"AdditionalSlaveSecurityGroups": []string{}, "IamInstanceProfile": "EMR_EC2_DefaultRole"}
		return map[string]any{"Cluster": map[string]any{"Id": cl.ID, "Name": cl.Name, "ClusterArn": cl.ARN,
			"Status": map[string]any{"State": "WAITING"}, "ReleaseLabel": "emr-7.2.0", "Tags": []any{},
			"Ec2InstanceAttributes": attrs}}, nil
	}
	return nil, errf(http.StatusBadRequest, "InvalidRequestException", "Cluster id '%s' is not valid.", req.ClusterID)
}
