package sim

import "net/http"

// Redshift (awsQuery, 2012-12-01): provisioned clusters and their group
// changes (ModifyCluster VpcSecurityGroupIds.VpcSecurityGroupId.N);
// Redshift-managed VPC endpoints and theirs (ModifyEndpointAccess) in
// redshift_endpoints.go.

var redshiftOps = map[string]op{
	"DescribeClusters":       regionLocked(describeRedshiftClusters),
	"ModifyCluster":          regionLocked(modifyRedshiftCluster),
	"DescribeEndpointAccess": regionLocked(describeRedshiftEndpointAccess),
	"ModifyEndpointAccess":   regionLocked(modifyRedshiftEndpointAccess),
}

type xmlRedshiftCluster struct {
	ClusterIdentifier         string               `xml:"ClusterIdentifier"`
	ClusterStatus             string               `xml:"ClusterStatus"`
	ClusterAvailabilityStatus string               `xml:"ClusterAvailabilityStatus"`
	NodeType                  string               `xml:"NodeType"`
	VpcID                     string               `xml:"VpcId"`
	VpcSecurityGroups         []xmlVpcSGMembership `xml:"VpcSecurityGroups>VpcSecurityGroup"`
	Tags                      []xmlRDSTag          `xml:"Tags>Tag"`
}

type describeRedshiftClustersResult struct {
	Clusters []xmlRedshiftCluster `xml:"Clusters>Cluster"`
	Marker   string               `xml:"Marker,omitempty"`
}

func describeRedshiftClusters(c *call) (any, *apiError) {
	var names []string
	if id := c.Form.Get("ClusterIdentifier"); id != "" {
		names = []string{id}
	}
	items, missing := selected(c.state.redshiftClusters, func(d dataStore) string { return d.Name }, names)
	if missing != "" {
		return nil, notFound("ClusterNotFound", "Cluster %s not found.", missing)
	}
	from, to, next, err := redshiftPager.page(c, c.Form.Get, len(items))
	if err != nil {
		return nil, err
	}
	res := describeRedshiftClustersResult{Clusters: []xmlRedshiftCluster{}, Marker: next}
	for _, d := range items[from:to] {
		res.Clusters = append(res.Clusters, redshiftClusterXML(storeNamed(c.state.redshiftClusters, d.Name), true))
	}
	return res, nil
}

// redshiftClusterXML is d as Redshift shows it; count counts a Describe.
func redshiftClusterXML(d *dataStore, count bool) xmlRedshiftCluster {
	status, groups := d.view(count)
	avail := "Available"
	if status == "modifying" {
		avail = "Modifying"
	}
	return xmlRedshiftCluster{ClusterIdentifier: d.Name, ClusterStatus: status, ClusterAvailabilityStatus: avail,
		NodeType: "ra3.xlplus", VpcID: d.VpcID, VpcSecurityGroups: memberships(groups), Tags: rdsTags(d.Tags)}
}

// modifyRedshiftCluster changes a cluster's groups, which AWS applies
// "asynchronously as soon as possible": the cluster is "modifying" for the
// next Describe that includes it, then "available"; its interfaces
// (RedshiftNetworkInterface in its VPC with its old groups) move at once.
func modifyRedshiftCluster(c *call) (any, *apiError) {
	st, name := c.state, c.Form.Get("ClusterIdentifier")
	d := storeNamed(st.redshiftClusters, name)
	if d == nil {
		return nil, notFound("ClusterNotFound", "Cluster %s not found.", name)
	}
	if next := groupList(c, "VpcSecurityGroupIds.VpcSecurityGroupId"); len(next) > 0 {
		if d.busy() {
			return nil, errf(http.StatusBadRequest, "InvalidClusterState",
				"There is an operation running on the Cluster. Please try to modify it later.")
		}
		if id, inVpc := st.badGroup(d.VpcID, next); id != "" {
			where := "does not exist"
			if inVpc != "" {
				where = "is in " + inVpc
			}
			return nil, errf(http.StatusBadRequest, "InvalidParameterValue",
				"The security group %s %s; the cluster is in %s.", id, where, d.VpcID)
		}
		if !sameSet(d.Groups, next) {
			st.moveByGroups(d, "RedshiftNetworkInterface", next)
		}
	}
	return struct {
		Cluster xmlRedshiftCluster `xml:"Cluster"`
	}{redshiftClusterXML(d, false)}, nil
}

// redshiftSpecs are Redshift's part of a region's scenario.
type redshiftSpecs struct {
	RedshiftClusters  []DataStoreSpec        `yaml:"redshift_clusters"`
	RedshiftEndpoints []RedshiftEndpointSpec `yaml:"redshift_endpoints"`
}

// redshiftState is Redshift's part of a regionState; every op runs under
// the region lock.
type redshiftState struct {
	redshiftClusters  []dataStore
	redshiftEndpoints []vpcResource
	// redshiftEndpointENIs is each endpoint's interface id, by endpoint name.
	redshiftEndpointENIs map[string]string
}

func (b *builder) addRedshift() error {
	if err := b.addDataStores("redshift_clusters", "redshift", "redshift", "cluster:", b.res.RedshiftClusters, &b.st.redshiftClusters, nil); err != nil {
		return err
	}
	return b.addRedshiftEndpoints()
}
