package sim

import (
	"slices"
	"strings"
)

// DMS Serverless: DescribeReplicationConfigs, and
// DescribeReplicationSubnetGroups (one "default-<vpc>" group per VPC that
// a replication instance or config sits in, as dms.go names them). dms.go
// adds both to dmsOps.

func describeDMSReplicationConfigs(c *call) (any, *apiError) {
	var req struct {
		Marker     string `json:"Marker"`
		MaxRecords int    `json:"MaxRecords"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	items, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: dmsInvalid,
		action: c.Action, max: req.MaxRecords, token: req.Marker}, c.state.dmsConfigs)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, r := range items {
		out = append(out, map[string]any{"ReplicationConfigIdentifier": r.Name, "ReplicationConfigArn": r.ARN,
			"SourceEndpointArn": r.ARN + "-source", "TargetEndpointArn": r.ARN + "-target", "ReplicationType": "full-load",
			"ComputeConfig": map[string]any{"MaxCapacityUnits": 16, "MinCapacityUnits": 1, "MultiAZ": false,
				"ReplicationSubnetGroupId": "default-" + r.VpcID, "VpcSecurityGroupIds": nonNil(r.Groups)}})
	}
	return withNext(map[string]any{"ReplicationConfigs": out}, "Marker", next), nil
}

func describeDMSReplicationSubnetGroups(c *call) (any, *apiError) {
	var req struct {
		Marker     string `json:"Marker"`
		MaxRecords int    `json:"MaxRecords"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	var vpcs []vpcResource
	for _, r := range slices.Concat(c.state.dmsInstances, c.state.dmsConfigs) {
		if !slices.ContainsFunc(vpcs, func(v vpcResource) bool { return v.VpcID == r.VpcID }) {
			vpcs = append(vpcs, r)
		}
	}
	items, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: dmsInvalid,
		action: c.Action, max: req.MaxRecords, token: req.Marker}, vpcs)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, r := range items {
		subnets := []map[string]any{}
		for _, s := range r.Subnets {
			subnets = append(subnets, map[string]any{"SubnetIdentifier": s, "SubnetStatus": "Active"})
		}
		out = append(out, map[string]any{"ReplicationSubnetGroupIdentifier": "default-" + r.VpcID,
			"ReplicationSubnetGroupDescription": "default", "VpcId": r.VpcID, "SubnetGroupStatus": "Complete", "Subnets": subnets})
	}
	return withNext(map[string]any{"ReplicationSubnetGroups": out}, "Marker", next), nil
}

// dmsServerlessSpecs are DMS Serverless's part of a region's scenario:
// replication configs whose groups are ComputeConfig.VpcSecurityGroupIds
// (omitted = none: the VPC's default group at run time).
type dmsServerlessSpecs struct {
	DMSReplicationConfigs []VPCResourceSpec `yaml:"dms_replication_configs"`
}

// dmsServerlessState is DMS Serverless's part of a regionState.
type dmsServerlessState struct {
	dmsConfigs []vpcResource
}

func (b *builder) addDMSConfigs() error {
	specs := slices.Clone(b.res.DMSReplicationConfigs)
	for i := range specs {
		if specs[i].Groups == nil {
			specs[i].Groups = []string{} // none named: no fallback at create
		}
	}
	return b.addVPCResources("dms_replication_configs", specs, &b.st.dmsConfigs,
		func(string) string {
			return b.arn("dms", "replication-config:"+strings.ToUpper(b.st.ids.hexN("dms-config", 26)))
		})
}
