package sim

import (
	"net/http"
	"slices"
	"strings"
)

// DMS Serverless: DescribeReplicationConfigs, DescribeReplications,
// ModifyReplicationConfig, and DescribeReplicationSubnetGroups (one
// "default-<vpc>" group per VPC that a replication instance or config sits
// in, as dms.go names them). dms.go adds them to dmsOps. A filter matching
// nothing answers an empty list (DMS's model declares ResourceNotFoundFault
// for these reads too; the product reads both as "none").

// dmsFilter is a Describe filter as DMS's model shapes it.
type dmsFilter struct {
	Name   string   `json:"Name"`
	Values []string `json:"Values"`
}

// dmsFiltered keeps the items every filter matches; match answers a
// filter's value of an item, or false for a filter it does not know.
func dmsFiltered[T any](items []T, filters []dmsFilter, value func(T, string) (string, bool)) ([]T, *apiError) {
	out := []T{}
	for _, it := range items {
		ok := true
		for _, f := range filters {
			v, known := value(it, f.Name)
			if !known {
				return nil, dmsInvalid("unsupported filter " + f.Name)
			}
			ok = ok && slices.Contains(f.Values, v)
		}
		if ok {
			out = append(out, it)
		}
	}
	return out, nil
}

func dmsConfigField(r *vpcResource, name string) (string, bool) {
	switch name {
	case "replication-config-arn":
		return r.ARN, true
	case "replication-config-id":
		return r.Name, true
	}
	return "", false
}

func dmsConfigJSON(r *vpcResource) map[string]any {
	return map[string]any{"ReplicationConfigIdentifier": r.Name, "ReplicationConfigArn": r.ARN,
		"SourceEndpointArn": r.ARN + "-source", "TargetEndpointArn": r.ARN + "-target", "ReplicationType": "full-load",
		"ComputeConfig": map[string]any{"MaxCapacityUnits": 16, "MinCapacityUnits": 1, "MultiAZ": false,
			"ReplicationSubnetGroupId": "default-" + r.VpcID, "VpcSecurityGroupIds": nonNil(r.Groups)}}
}

func (st *dmsServerlessState) configPtrs() []*vpcResource {
	var out []*vpcResource
	for i := range st.dmsConfigs {
		out = append(out, &st.dmsConfigs[i])
	}
	return out
}

func describeDMSReplicationConfigs(c *call) (any, *apiError) {
	var req struct {
		Filters    []dmsFilter `json:"Filters"`
		Marker     string      `json:"Marker"`
		MaxRecords int         `json:"MaxRecords"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	match, e := dmsFiltered(c.state.configPtrs(), req.Filters, dmsConfigField)
	if e != nil {
		return nil, e
	}
	items, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: dmsInvalid,
		action: c.Action, max: req.MaxRecords, token: req.Marker}, match)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, r := range items {
		out = append(out, dmsConfigJSON(r))
	}
	return withNext(map[string]any{"ReplicationConfigs": out}, "Marker", next), nil
}

// describeDMSReplications answers the replications of the configs whose
// scenario names one (replication: running, stopped, created, failed…).
func describeDMSReplications(c *call) (any, *apiError) {
	var req struct {
		Filters    []dmsFilter `json:"Filters"`
		Marker     string      `json:"Marker"`
		MaxRecords int         `json:"MaxRecords"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	var withReplication []*vpcResource
	for _, r := range c.state.configPtrs() {
		if c.state.dmsReplications[r.ARN] != "" {
			withReplication = append(withReplication, r)
		}
	}
	match, e := dmsFiltered(withReplication, req.Filters, dmsConfigField)
	if e != nil {
		return nil, e
	}
	items, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: dmsInvalid,
		action: c.Action, max: req.MaxRecords, token: req.Marker}, match)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, r := range items {
		status := c.state.dmsReplications[r.ARN]
		provision := "provisioned"
		if status == "created" {
			provision = ""
		}
		rep := map[string]any{"ReplicationConfigIdentifier": r.Name, "ReplicationConfigArn": r.ARN,
			"SourceEndpointArn": r.ARN + "-source", "TargetEndpointArn": r.ARN + "-target", "ReplicationType": "full-load",
			"Status": status}
		if provision != "" {
			rep["ProvisionData"] = map[string]any{"ProvisionState": provision, "ProvisionedCapacityUnits": 2}
		}
		out = append(out, rep)
	}
	return withNext(map[string]any{"Replications": out}, "Marker", next), nil
}

// modifyDMSReplicationConfig changes ComputeConfig.VpcSecurityGroupIds
// (the only member modelled; the others are accepted and ignored). As
// DMS's API reference says, a config is modified only while its
// replication has not started, or is created or failed: otherwise
// InvalidResourceStateFault. Between runs a config has no interfaces:
// nothing else moves.
func modifyDMSReplicationConfig(c *call) (any, *apiError) {
	var req struct {
		ReplicationConfigArn string `json:"ReplicationConfigArn"`
		ComputeConfig        *struct {
			VpcSecurityGroupIDs *[]string `json:"VpcSecurityGroupIds"`
		} `json:"ComputeConfig"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	if req.ReplicationConfigArn == "" {
		return nil, dmsInvalid("1 validation error detected: ReplicationConfigArn is required")
	}
	var r *vpcResource
	for _, cfg := range c.state.configPtrs() {
		if cfg.ARN == req.ReplicationConfigArn {
			r = cfg
		}
	}
	if r == nil {
		return nil, errf(http.StatusBadRequest, "ResourceNotFoundFault", "Replication config %s not found", req.ReplicationConfigArn)
	}
	switch status := c.state.dmsReplications[r.ARN]; status {
	case "", "created", "failed":
	default:
		return nil, errf(http.StatusBadRequest, "InvalidResourceStateFault",
			"Replication config %s cannot be modified: its replication is %s", r.Name, status)
	}
	if req.ComputeConfig != nil && req.ComputeConfig.VpcSecurityGroupIDs != nil {
		next := dedupe(*req.ComputeConfig.VpcSecurityGroupIDs)
		if id := c.state.invalidGroup(r.VpcID, next); id != "" {
			return nil, dmsInvalid("The security group " + id + " does not exist in the VPC " + r.VpcID + " of the replication config.")
		}
		r.Groups = nonNil(next)
	}
	return map[string]any{"ReplicationConfig": dmsConfigJSON(r)}, nil
}

func describeDMSReplicationSubnetGroups(c *call) (any, *apiError) {
	var req struct {
		Filters    []dmsFilter `json:"Filters"`
		Marker     string      `json:"Marker"`
		MaxRecords int         `json:"MaxRecords"`
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
	vpcs, e := dmsFiltered(vpcs, req.Filters, func(r vpcResource, name string) (string, bool) {
		return "default-" + r.VpcID, name == "replication-subnet-group-id"
	})
	if e != nil {
		return nil, e
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
	DMSReplicationConfigs []DMSReplicationConfigSpec `yaml:"dms_replication_configs"`
}

// DMSReplicationConfigSpec is a DMS Serverless replication config and the
// status of its replication.
type DMSReplicationConfigSpec struct {
	VPCResourceSpec `yaml:",inline"`
	// Replication is its replication's status as DescribeReplications
	// answers it (running, stopped, created, failed…); omitted: none has
	// been made of it.
	Replication string `yaml:"replication"`
}

// dmsServerlessState is DMS Serverless's part of a regionState;
// ModifyReplicationConfig changes it.
type dmsServerlessState struct {
	dmsConfigs []vpcResource
	// dmsReplications is the status of each config's replication, by ARN.
	dmsReplications map[string]string
}

func (b *builder) addDMSConfigs() error {
	var specs []VPCResourceSpec
	for _, s := range b.res.DMSReplicationConfigs {
		if s.Groups == nil {
			s.Groups = []string{} // none named: no fallback at create
		}
		specs = append(specs, s.VPCResourceSpec)
	}
	if err := b.addVPCResources("dms_replication_configs", specs, &b.st.dmsConfigs,
		func(string) string {
			return b.arn("dms", "replication-config:"+strings.ToUpper(b.st.ids.hexN("dms-config", 26)))
		}); err != nil {
		return err
	}
	b.st.dmsReplications = map[string]string{}
	for i, s := range b.res.DMSReplicationConfigs {
		b.st.dmsReplications[b.st.dmsConfigs[i].ARN] = strings.ToLower(s.Replication)
	}
	return nil
}
