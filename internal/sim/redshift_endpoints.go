package sim

import "slices"

// Redshift-managed VPC endpoints (DescribeEndpointAccess): an endpoint of a
// provisioned cluster in a VPC, possibly another than the cluster's, with
// its own groups and one interface here, with an empty description: AWS
// documents none (docs/FIDELITY.md).

// RedshiftEndpointSpec is a Redshift-managed VPC endpoint
// (redshift_endpoints) of a cluster in redshift_clusters. Groups must be
// given: whether CreateEndpointAccess falls back to the default group is
// not documented.
type RedshiftEndpointSpec struct {
	Name      string `yaml:"name"`
	Cluster   string `yaml:"cluster"`
	Placement `yaml:",inline"`
}

type xmlRedshiftEndpoint struct {
	ClusterIdentifier string               `xml:"ClusterIdentifier"`
	ResourceOwner     string               `xml:"ResourceOwner"`
	EndpointName      string               `xml:"EndpointName"`
	EndpointStatus    string               `xml:"EndpointStatus"`
	Port              int                  `xml:"Port"`
	VpcSecurityGroups []xmlVpcSGMembership `xml:"VpcSecurityGroups>VpcSecurityGroup"`
}

type describeEndpointAccessResult struct {
	Endpoints []xmlRedshiftEndpoint `xml:"EndpointAccessList>member"`
	Marker    string                `xml:"Marker,omitempty"`
}

func describeRedshiftEndpointAccess(c *call) (any, *apiError) {
	items := c.state.redshiftEndpoints
	if name := c.Form.Get("EndpointName"); name != "" {
		i := slices.IndexFunc(items, func(e vpcResource) bool { return e.Name == name })
		if i < 0 {
			return nil, notFound("EndpointNotFound", "Endpoint %s not found.", name)
		}
		items = items[i : i+1]
	}
	from, to, next, err := redshiftEndpointPager.page(c, c.Form.Get, len(items))
	if err != nil {
		return nil, err
	}
	res := describeEndpointAccessResult{Endpoints: []xmlRedshiftEndpoint{}, Marker: next}
	for _, e := range items[from:to] {
		var groups []groupStatus
		for _, g := range e.Groups {
			groups = append(groups, groupStatus{ID: g, Status: "active"})
		}
		res.Endpoints = append(res.Endpoints, xmlRedshiftEndpoint{ClusterIdentifier: e.Type, ResourceOwner: c.state.account,
			EndpointName: e.Name, EndpointStatus: "active", Port: 5439, VpcSecurityGroups: memberships(groups)})
	}
	return res, nil
}

// addRedshiftEndpoints builds the endpoints after the clusters; a
// vpcResource's Type holds its cluster.
func (b *builder) addRedshiftEndpoints() error {
	seen := map[string]bool{}
	for i, spec := range b.res.RedshiftEndpoints {
		at := path{"redshift_endpoints", i}
		if err := b.unique(seen, spec.Name, at); err != nil {
			return err
		}
		if storeNamed(b.st.redshiftClusters, spec.Cluster) == nil {
			return b.errAt(append(append(path{}, at...), "cluster"), "no cluster %q in redshift_clusters", spec.Cluster)
		}
		if len(spec.Groups) == 0 {
			return b.errAt(append(append(path{}, at...), "groups"), "give the endpoint's groups (VpcSecurityGroupIds)")
		}
		vpcID, groups, err := b.placed(spec.Placement, false, at)
		if err != nil {
			return err
		}
		sn, err := b.subnetOf(vpcID, "", at)
		if err != nil {
			return err
		}
		n := b.st.newInterface(b.st.ids.next("eni"), sn, slices.Clone(groups))
		n.Status, n.RequesterManaged = "in-use", true
		b.st.enis[n.ID] = n
		b.st.redshiftEndpoints = append(b.st.redshiftEndpoints, vpcResource{Name: spec.Name, Type: spec.Cluster, VpcID: vpcID,
			Subnets: []string{sn.ID}, Groups: groups})
	}
	return nil
}
