package sim

import (
	"net/http"
	"slices"
	"strings"
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
	for _, cl := range c.state.emrClusters {
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
	for _, cl := range c.state.emrClusters {
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

// emrSpecs are EMR's part of a region's scenario.
type emrSpecs struct {
	EMRClusters []EMRClusterSpec `yaml:"emr_clusters"`
}

// emrState is EMR's part of a regionState; never changed.
type emrState struct {
	emrClusters []emrCluster
}

// EMRClusterSpec is an active (WAITING) EMR cluster (emr_clusters). Its
// groups are the EMR-managed primary group and, second, the core/task
// group (omitted = the primary one); omitted groups: the VPC's default
// group for both.
type EMRClusterSpec struct {
	Name      string `yaml:"name"`
	Placement `yaml:",inline"`
	// ServiceAccess is the service access group (private subnets).
	ServiceAccess string `yaml:"service_access"`
	// AdditionalMaster are further groups of the primary instances.
	AdditionalMaster []string `yaml:"additional_master"`
}

type emrCluster struct {
	ID, Name, ARN, Subnet        string
	Master, Slave, ServiceAccess string
	Additional                   []string
}

func (b *builder) addEMR() error {
	seen := map[string]bool{}
	for i, e := range b.res.EMRClusters {
		at := path{"emr_clusters", i}
		if err := b.unique(seen, e.Name, at); err != nil {
			return err
		}
		vpcID, ids, err := b.placed(e.Placement, true, at)
		if err != nil {
			return err
		}
		sn, err := b.subnetOf(vpcID, "", at)
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			return b.errAt(append(at, "groups"), "needs a group")
		}
		cl := emrCluster{ID: "j-" + strings.ToUpper(b.st.ids.hexN("emr", 13)), Name: e.Name, Subnet: sn.ID,
			Master: ids[0], Slave: ids[len(ids)-1]}
		cl.ARN = b.arn("elasticmapreduce", "cluster/"+cl.ID)
		extra := Placement{VPC: e.VPC, Groups: e.AdditionalMaster}
		if e.ServiceAccess != "" {
			extra.Groups = append([]string{e.ServiceAccess}, e.AdditionalMaster...)
		}
		if len(extra.Groups) > 0 {
			_, more, err := b.placed(extra, false, append(at, "additional_master"))
			if err != nil {
				return err
			}
			if e.ServiceAccess != "" {
				cl.ServiceAccess, more = more[0], more[1:]
			}
			cl.Additional = more
		}
		b.st.emrClusters = append(b.st.emrClusters, cl)
	}
	return nil
}
