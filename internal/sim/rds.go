package sim

// RDS (awsQuery, 2014-10-31): instances, clusters and proxies. Lists of
// structures use the shape name as the item element (DBInstance,
// VpcSecurityGroupMembership, Tag) except proxies, which use member.

var rdsOps = map[string]op{
	"DescribeDBInstances": regionLocked(describeDBInstances),
	"DescribeDBClusters":  regionLocked(describeDBClusters),
	"DescribeDBProxies":   regionLocked(describeDBProxies),
	// rds_modify.go
	"ModifyDBInstance": regionLocked(modifyDBInstance),
	"ModifyDBCluster":  regionLocked(modifyDBCluster),
	"ModifyDBProxy":    regionLocked(modifyDBProxy),
}

type xmlVpcSGMembership struct {
	VpcSecurityGroupID string `xml:"VpcSecurityGroupId"`
	Status             string `xml:"Status"`
}

type xmlRDSTag struct {
	Key   string `xml:"Key"`
	Value string `xml:"Value"`
}

func memberships(groups []groupStatus) []xmlVpcSGMembership {
	out := []xmlVpcSGMembership{}
	for _, g := range groups {
		out = append(out, xmlVpcSGMembership{VpcSecurityGroupID: g.ID, Status: g.Status})
	}
	return out
}

func rdsTags(tags []Tag) []xmlRDSTag {
	out := []xmlRDSTag{}
	for _, t := range tags {
		out = append(out, xmlRDSTag(t))
	}
	return out
}

// rdsSelect applies the identifier parameter and paging shared by the RDS
// Describe actions.
func rdsSelect(c *call, items []dataStore, param, notFoundCode, what string) ([]dataStore, string, *apiError) {
	var names []string
	if id := c.Form.Get(param); id != "" {
		names = []string{id}
	}
	items, missing := selected(items, func(d dataStore) string { return d.Name }, names)
	if missing != "" {
		return nil, "", notFound(notFoundCode, "%s %s not found.", what, missing)
	}
	from, to, next, err := rdsPager.page(c, c.Form.Get, len(items))
	if err != nil {
		return nil, "", err
	}
	return items[from:to], next, nil
}

type xmlDBInstance struct {
	DBInstanceIdentifier string               `xml:"DBInstanceIdentifier"`
	DBInstanceArn        string               `xml:"DBInstanceArn"`
	DBClusterIdentifier  string               `xml:"DBClusterIdentifier,omitempty"`
	Engine               string               `xml:"Engine"`
	DBInstanceStatus     string               `xml:"DBInstanceStatus"`
	VpcID                string               `xml:"DBSubnetGroup>VpcId"`
	VpcSecurityGroups    []xmlVpcSGMembership `xml:"VpcSecurityGroups>VpcSecurityGroupMembership"`
	TagList              []xmlRDSTag          `xml:"TagList>Tag"`
}

type describeDBInstancesResult struct {
	DBInstances []xmlDBInstance `xml:"DBInstances>DBInstance"`
	Marker      string          `xml:"Marker,omitempty"`
}

func describeDBInstances(c *call) (any, *apiError) {
	items, next, err := rdsSelect(c, c.state.dbInstances, "DBInstanceIdentifier", "DBInstanceNotFound", "DBInstance")
	if err != nil {
		return nil, err
	}
	res := describeDBInstancesResult{DBInstances: []xmlDBInstance{}, Marker: next}
	for _, d := range items {
		res.DBInstances = append(res.DBInstances, dbInstanceXML(storeNamed(c.state.dbInstances, d.Name), true))
	}
	return res, nil
}

// dbInstanceXML is d as RDS shows it; count counts a Describe (view).
func dbInstanceXML(d *dataStore, count bool) xmlDBInstance {
	status, groups := d.view(count)
	return xmlDBInstance{DBInstanceIdentifier: d.Name, DBInstanceArn: d.ARN, DBClusterIdentifier: d.Cluster,
		Engine: d.Engine, DBInstanceStatus: status, VpcID: d.VpcID, VpcSecurityGroups: memberships(groups),
		TagList: rdsTags(d.Tags)}
}

type xmlDBCluster struct {
	DBClusterIdentifier string               `xml:"DBClusterIdentifier"`
	DBClusterArn        string               `xml:"DBClusterArn"`
	Engine              string               `xml:"Engine"`
	Status              string               `xml:"Status"`
	VpcSecurityGroups   []xmlVpcSGMembership `xml:"VpcSecurityGroups>VpcSecurityGroupMembership"`
	TagList             []xmlRDSTag          `xml:"TagList>Tag"`
}

type describeDBClustersResult struct {
	DBClusters []xmlDBCluster `xml:"DBClusters>DBCluster"`
	Marker     string         `xml:"Marker,omitempty"`
}

func describeDBClusters(c *call) (any, *apiError) {
	items, next, err := rdsSelect(c, c.state.dbClusters, "DBClusterIdentifier", "DBClusterNotFoundFault", "DBCluster")
	if err != nil {
		return nil, err
	}
	res := describeDBClustersResult{DBClusters: []xmlDBCluster{}, Marker: next}
	for _, d := range items {
		res.DBClusters = append(res.DBClusters, dbClusterXML(storeNamed(c.state.dbClusters, d.Name), true))
	}
	return res, nil
}

func dbClusterXML(d *dataStore, count bool) xmlDBCluster {
	status, groups := d.view(count)
	return xmlDBCluster{DBClusterIdentifier: d.Name, DBClusterArn: d.ARN, Engine: d.Engine, Status: status,
		VpcSecurityGroups: memberships(groups), TagList: rdsTags(d.Tags)}
}

type xmlDBProxy struct {
	DBProxyName         string   `xml:"DBProxyName"`
	DBProxyArn          string   `xml:"DBProxyArn"`
	EngineFamily        string   `xml:"EngineFamily"`
	Status              string   `xml:"Status"`
	VpcID               string   `xml:"VpcId"`
	VpcSecurityGroupIDs []string `xml:"VpcSecurityGroupIds>member"`
}

type describeDBProxiesResult struct {
	DBProxies []xmlDBProxy `xml:"DBProxies>member"`
	Marker    string       `xml:"Marker,omitempty"`
}

func describeDBProxies(c *call) (any, *apiError) {
	items, next, err := rdsSelect(c, c.state.dbProxies, "DBProxyName", "DBProxyNotFoundFault", "DBProxy")
	if err != nil {
		return nil, err
	}
	res := describeDBProxiesResult{DBProxies: []xmlDBProxy{}, Marker: next}
	for _, d := range items {
		res.DBProxies = append(res.DBProxies, dbProxyXML(storeNamed(c.state.dbProxies, d.Name), true))
	}
	return res, nil
}

// dbProxyXML lists a proxy's groups as ids only: while modifying, the new
// ones.
func dbProxyXML(d *dataStore, count bool) xmlDBProxy {
	status, _ := d.view(count)
	return xmlDBProxy{DBProxyName: d.Name, DBProxyArn: d.ARN, EngineFamily: d.Engine, Status: status,
		VpcID: d.VpcID, VpcSecurityGroupIDs: d.Groups}
}

// rdsSpecs are RDS's part of a region's scenario.
type rdsSpecs struct {
	DBInstances []DataStoreSpec `yaml:"db_instances"`
	DBClusters  []DataStoreSpec `yaml:"db_clusters"`
	DBProxies   []DataStoreSpec `yaml:"db_proxies"`
}

// rdsState is RDS's part of a regionState, in scenario order. Modify
// actions change it, so every op runs under the region lock.
type rdsState struct {
	dbInstances []dataStore
	dbClusters  []dataStore
	dbProxies   []dataStore
}

// addRDS builds clusters first, so instances can name theirs, then
// instances and proxies (generated ids depend on this order).
func (b *builder) addRDS() error {
	clusters := map[string]dataStore{}
	if err := b.addDataStores("db_clusters", "aurora-postgresql", "rds", "cluster:", b.res.DBClusters, &b.st.dbClusters, nil); err != nil {
		return err
	}
	for _, d := range b.st.dbClusters {
		clusters[d.Name] = d
	}
	if err := b.addDataStores("db_instances", "postgres", "rds", "db:", b.res.DBInstances, &b.st.dbInstances, clusters); err != nil {
		return err
	}
	return b.addDataStores("db_proxies", "POSTGRESQL", "rds", "db-proxy:prx-", b.res.DBProxies, &b.st.dbProxies, clusters)
}
