package sim

import (
	"slices"
	"strings"
)

// AWS DMS (JSON 1.1, target prefix AmazonDMSv20160101):
// DescribeReplicationInstances, paged by Marker.

var dmsOps = map[string]op{
	"DescribeReplicationInstances":    regionLocked(describeDMSReplicationInstances),
	"DescribeReplicationConfigs":      regionLocked(describeDMSReplicationConfigs),
	"DescribeReplicationSubnetGroups": regionLocked(describeDMSReplicationSubnetGroups),
	"DescribeReplications":            regionLocked(describeDMSReplications),
	// dms_update.go
	"ModifyReplicationInstance": regionLocked(modifyDMSReplicationInstance),
	// dms_serverless.go
	"ModifyReplicationConfig": regionLocked(modifyDMSReplicationConfig),
}

func describeDMSReplicationInstances(c *call) (any, *apiError) {
	var req struct {
		Filters []struct {
			Name   string   `json:"Name"`
			Values []string `json:"Values"`
		} `json:"Filters"`
		Marker     string `json:"Marker"`
		MaxRecords int    `json:"MaxRecords"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	var match []*vpcResource
	for i := range c.state.dmsInstances {
		r := &c.state.dmsInstances[i]
		ok := true
		for _, f := range req.Filters {
			switch f.Name {
			case "replication-instance-id":
				ok = ok && slices.Contains(f.Values, r.Name)
			case "replication-instance-arn":
				ok = ok && slices.Contains(f.Values, r.ARN)
			default:
				return nil, dmsInvalid("unsupported filter " + f.Name)
			}
		}
		if ok {
			match = append(match, r)
		}
	}
	items, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: dmsInvalid,
		action: c.Action, max: req.MaxRecords, token: req.Marker}, match)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, r := range items {
		out = append(out, dmsInstanceJSON(r, true))
	}
	return withNext(map[string]any{"ReplicationInstances": out}, "Marker", next), nil
}

// dmsInstanceJSON is a replication instance as DMS answers it; while a
// change applies it is "modifying" (count counts the read).
func dmsInstanceJSON(r *vpcResource, count bool) map[string]any {
	status := "available"
	if r.Pending > 0 {
		status = "modifying"
		if count {
			r.settling()
		}
	}
	{
		sgs := []map[string]string{}
		for _, g := range r.Groups {
			sgs = append(sgs, map[string]string{"VpcSecurityGroupId": g, "Status": "active"})
		}
		subnets := []map[string]any{}
		for _, s := range r.Subnets {
			subnets = append(subnets, map[string]any{"SubnetIdentifier": s, "SubnetStatus": "Active"})
		}
		return map[string]any{"ReplicationInstanceIdentifier": r.Name, "ReplicationInstanceArn": r.ARN,
			"ReplicationInstanceClass": "dms.t3.medium", "ReplicationInstanceStatus": status,
			"VpcSecurityGroups": sgs, "ReplicationSubnetGroup": map[string]any{
				"ReplicationSubnetGroupIdentifier": "default-" + r.VpcID, "VpcId": r.VpcID, "Subnets": subnets}}
	}
}

// dmsSpecs are DMS's part of a region's scenario.
type dmsSpecs struct {
	DMSReplicationInstances []VPCResourceSpec `yaml:"dms_replication_instances"`
}

// dmsState is DMS's part of a regionState; ModifyReplicationInstance
// changes it.
type dmsState struct {
	dmsInstances []vpcResource
}

func (b *builder) addDMS() error {
	if err := b.addVPCResources("dms_replication_instances", b.res.DMSReplicationInstances, &b.st.dmsInstances,
		func(string) string { return b.arn("dms", "rep:"+strings.ToUpper(b.st.ids.hexN("dms", 26))) }); err != nil {
		return err
	}
	return b.addDMSConfigs()
}

// dmsInvalid is DMS's answer to a request its model's constraints refuse:
// the JSON services' ValidationException (DMS's model declares no
// validation error of its own; docs/FIDELITY.md).
var dmsInvalid = badRequest("ValidationException")
