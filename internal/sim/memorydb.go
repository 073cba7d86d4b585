package sim

import (
	"net/http"
	"slices"
)

// Amazon MemoryDB (JSON 1.1, target prefix AmazonMemoryDB, signing name
// memorydb): DescribeClusters, ListTags and UpdateCluster. A cluster has one interface
// per subnet here, on its groups, with an empty description: AWS documents
// none (docs/FIDELITY.md).
var memoryDBOps = map[string]op{
	"DescribeClusters": regionLocked(describeMemoryDBClusters),
	"ListTags":         regionLocked(listMemoryDBTags),
	// memorydb_update.go
	"UpdateCluster": regionLocked(updateMemoryDBCluster),
}

func memoryDBInvalid(msg string) *apiError {
	return errf(http.StatusBadRequest, "InvalidParameterValueException", "%s", msg)
}

func describeMemoryDBClusters(c *call) (any, *apiError) {
	var req struct {
		ClusterName string `json:"ClusterName"`
		MaxResults  int    `json:"MaxResults"`
		NextToken   string `json:"NextToken"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	match := c.state.memoryDBClusters
	if req.ClusterName != "" {
		i := slices.IndexFunc(match, func(m memoryDBCluster) bool { return m.Name == req.ClusterName })
		if i < 0 {
			return nil, errf(http.StatusBadRequest, "ClusterNotFoundFault", "Cluster %s not found", req.ClusterName)
		}
		match = match[i : i+1]
	}
	items, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: memoryDBInvalid,
		action: c.Action, max: req.MaxResults, token: req.NextToken}, match)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for i := range items {
		m := &items[i]
		out = append(out, memoryDBClusterJSON(c, m, m.settling()))
	}
	return withNext(map[string]any{"Clusters": out}, "NextToken", next), nil
}

// memoryDBClusterJSON is a cluster as DescribeClusters and UpdateCluster
// answer it; updating: a group change still applying.
func memoryDBClusterJSON(c *call, m *memoryDBCluster, updating bool) map[string]any {
	status, groupStatus := "available", "active"
	if updating {
		status, groupStatus = "updating", "modifying"
	}
	sgs := []map[string]string{}
	for _, g := range m.Groups {
		sgs = append(sgs, map[string]string{"SecurityGroupId": g, "Status": groupStatus})
	}
	return map[string]any{"Name": m.Name, "ARN": m.ARN, "Status": status, "NumberOfShards": 1,
		"NodeType": "db.r7g.large", "Engine": "valkey", "EngineVersion": "7.2", "SecurityGroups": sgs,
		"SubnetGroupName": "default", "TLSEnabled": true, "AvailabilityMode": "multiaz",
		"ClusterEndpoint": map[string]any{"Address": "clustercfg." + m.Name + ".memorydb." + c.state.region + ".amazonaws.com", "Port": 6379}}
}

func listMemoryDBTags(c *call) (any, *apiError) {
	var req struct {
		ResourceArn string `json:"ResourceArn"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	i := slices.IndexFunc(c.state.memoryDBClusters, func(m memoryDBCluster) bool { return m.ARN == req.ResourceArn })
	if i < 0 {
		return nil, errf(http.StatusBadRequest, "InvalidARNFault", "The ARN %s is not valid.", req.ResourceArn)
	}
	tags := []map[string]string{}
	for _, t := range c.state.memoryDBClusters[i].Tags {
		tags = append(tags, map[string]string{"Key": t.Key, "Value": t.Value})
	}
	return map[string]any{"TagList": tags}, nil
}

// memoryDBSpecs are MemoryDB's part of a region's scenario.
type memoryDBSpecs struct {
	MemoryDBClusters []MemoryDBClusterSpec `yaml:"memorydb_clusters"`
}

// memoryDBState is MemoryDB's part of a regionState; UpdateCluster changes it.
type memoryDBState struct {
	memoryDBClusters []memoryDBCluster
}

// MemoryDBClusterSpec is a MemoryDB cluster (memorydb_clusters). Groups
// must be given: whether CreateCluster falls back to the VPC's default
// group is not documented.
type MemoryDBClusterSpec struct {
	Name      string `yaml:"name"`
	Placement `yaml:",inline"`
	// Subnets are names or ids in the VPC, one node interface each;
	// omitted: the VPC's first subnet.
	Subnets []string          `yaml:"subnets"`
	Tags    map[string]string `yaml:"tags"`
}

type memoryDBCluster struct {
	Name, ARN, VpcID   string
	Groups, Interfaces []string
	Tags               []Tag
	// Pending is how many more reads show a group change still applying.
	Pending int
}

// settling reports whether a group change is still applying, counting the read.
func (m *memoryDBCluster) settling() bool {
	if m.Pending == 0 {
		return false
	}
	m.Pending--
	return true
}

// addMemoryDB builds the clusters and their node interfaces.
func (b *builder) addMemoryDB() error {
	seen := map[string]bool{}
	for i, spec := range b.res.MemoryDBClusters {
		at := path{"memorydb_clusters", i}
		if err := b.unique(seen, spec.Name, at); err != nil {
			return err
		}
		if len(spec.Groups) == 0 {
			return b.errAt(append(append(path{}, at...), "groups"), "give the cluster's groups (SecurityGroupIds)")
		}
		vpcID, groups, err := b.placed(spec.Placement, false, at)
		if err != nil {
			return err
		}
		refs := spec.Subnets
		if len(refs) == 0 {
			refs = []string{""}
		}
		m := memoryDBCluster{Name: spec.Name, ARN: b.arn("memorydb", "cluster/"+spec.Name), VpcID: vpcID, Groups: groups, Tags: tagsOf(spec.Tags, "")}
		for j, ref := range refs {
			sn, err := b.subnetOf(vpcID, ref, append(append(path{}, at...), "subnets", j))
			if err != nil {
				return err
			}
			n := b.st.newInterface(b.st.ids.next("eni"), sn, slices.Clone(groups))
			n.Status, n.RequesterManaged = "in-use", true
			b.st.enis[n.ID] = n
			m.Interfaces = append(m.Interfaces, n.ID)
		}
		b.st.memoryDBClusters = append(b.st.memoryDBClusters, m)
	}
	return nil
}
