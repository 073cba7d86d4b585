package sim

// Redshift (awsQuery, 2012-12-01): provisioned clusters.

var redshiftOps = map[string]op{
	"DescribeClusters": describeRedshiftClusters,
}

type xmlRedshiftCluster struct {
	ClusterIdentifier string               `xml:"ClusterIdentifier"`
	ClusterStatus     string               `xml:"ClusterStatus"`
	NodeType          string               `xml:"NodeType"`
	VpcID             string               `xml:"VpcId"`
	VpcSecurityGroups []xmlVpcSGMembership `xml:"VpcSecurityGroups>VpcSecurityGroup"`
	Tags              []xmlRDSTag          `xml:"Tags>Tag"`
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
	items, missing := selected(c.state.svc.redshift, func(d dataStore) string { return d.Name }, names)
	if missing != "" {
		return nil, notFound("ClusterNotFound", "Cluster %s not found.", missing)
	}
	from, to, next, err := redshiftPager.page(c, c.Form.Get, len(items))
	if err != nil {
		return nil, err
	}
	res := describeRedshiftClustersResult{Clusters: []xmlRedshiftCluster{}, Marker: next}
	for _, d := range items[from:to] {
		res.Clusters = append(res.Clusters, xmlRedshiftCluster{ClusterIdentifier: d.Name, ClusterStatus: "available",
			NodeType: "ra3.xlplus", VpcID: d.VpcID, VpcSecurityGroups: memberships(d.Groups), Tags: rdsTags(d.Tags)})
	}
	return res, nil
}
