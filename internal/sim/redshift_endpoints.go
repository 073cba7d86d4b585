package sim

import (
	"net/http"
	"slices"
)

// Redshift-managed VPC endpoints (DescribeEndpointAccess,
// ModifyEndpointAccess): an endpoint of a provisioned cluster in a VPC,
// possibly another than the cluster's, with its own groups and one
// interface here, with an empty description: AWS documents none
// (docs/FIDELITY.md).

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
			return nil, redshiftEndpointNotFound(name)
		}
		items = items[i : i+1]
	}
	from, to, next, err := redshiftEndpointPager.page(c, c.Form.Get, len(items))
	if err != nil {
		return nil, err
	}
	res := describeEndpointAccessResult{Endpoints: []xmlRedshiftEndpoint{}, Marker: next}
	for i := from; i < to; i++ {
		res.Endpoints = append(res.Endpoints, redshiftEndpointXML(c.state, &items[i], true))
	}
	return res, nil
}

// redshiftEndpointNotFound is EndpointNotFoundFault: 404, as the model
// declares it.
func redshiftEndpointNotFound(name string) *apiError {
	return errf(http.StatusNotFound, "EndpointNotFound", "Endpoint %s not found.", name)
}

// redshiftEndpointXML is e as Redshift shows it. After a group change it
// is "modifying" in ModifyEndpointAccess's answer and the next Describe
// that includes it (read counts the Describe), then "active": the values
// AWS's API reference leaves unlisted, as the Terraform provider waits on
// them (creating, modifying → active).
func redshiftEndpointXML(st *regionState, e *vpcResource, read bool) xmlRedshiftEndpoint {
	status := "active"
	if (read && e.settling()) || (!read && e.Pending > 0) {
		status = "modifying"
	}
	var groups []groupStatus
	for _, g := range e.Groups {
		groups = append(groups, groupStatus{ID: g, Status: "active"})
	}
	return xmlRedshiftEndpoint{ClusterIdentifier: e.Type, ResourceOwner: st.account,
		EndpointName: e.Name, EndpointStatus: status, Port: 5439, VpcSecurityGroups: memberships(groups)}
}

// modifyRedshiftEndpointAccess replaces the endpoint's groups with
// VpcSecurityGroupIds ("the complete list of VPC security groups associated
// with the endpoint after the endpoint is modified", API reference); its
// interface takes them at once. Without the list nothing changes. Another
// change while it is modifying is refused with InvalidEndpointState (the
// model's "the status of the endpoint is not valid"); a group that is not
// in the endpoint's VPC with InvalidParameterValue: the API reference
// documents no code for it, and ModifyCluster's simulator answers the same.
func modifyRedshiftEndpointAccess(c *call) (any, *apiError) {
	st, name := c.state, c.Form.Get("EndpointName")
	if name == "" {
		return nil, missingParameter("EndpointName")
	}
	i := slices.IndexFunc(st.redshiftEndpoints, func(e vpcResource) bool { return e.Name == name })
	if i < 0 {
		return nil, redshiftEndpointNotFound(name)
	}
	e := &st.redshiftEndpoints[i]
	if next := groupList(c, "VpcSecurityGroupIds.VpcSecurityGroupId"); len(next) > 0 {
		if e.Pending > 0 {
			return nil, errf(http.StatusBadRequest, "InvalidEndpointState",
				"Endpoint %s is in modifying state. Wait until it is active and try again.", name)
		}
		if id, inVpc := st.badGroup(e.VpcID, next); id != "" {
			where := "does not exist"
			if inVpc != "" {
				where = "is in " + inVpc
			}
			return nil, invalidParameterValue("The security group %s %s; the endpoint is in %s.", id, where, e.VpcID)
		}
		if !sameSet(e.Groups, next) {
			eni := st.redshiftEndpointENIs[name]
			st.retarget(func(n *NetworkInterface) bool { return n.ID == eni }, next)
			e.Groups, e.Pending = next, settlingReads
		}
	}
	return redshiftEndpointXML(st, e, false), nil
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
		if b.st.redshiftEndpointENIs == nil {
			b.st.redshiftEndpointENIs = map[string]string{}
		}
		b.st.redshiftEndpointENIs[spec.Name] = n.ID
		b.st.redshiftEndpoints = append(b.st.redshiftEndpoints, vpcResource{Name: spec.Name, Type: spec.Cluster, VpcID: vpcID,
			Subnets: []string{sn.ID}, Groups: groups})
	}
	return nil
}
