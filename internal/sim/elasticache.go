package sim

import (
	"net/http"
	"strings"
)

// ElastiCache (awsQuery, 2015-02-02): node-based cache clusters and their
// group changes (ModifyCacheCluster SecurityGroupIds.SecurityGroupId.N);
// serverless caches and tags in elasticache_serverless.go.

var elasticacheOps = map[string]op{
	"DescribeCacheClusters":    regionLocked(describeCacheClusters),
	"ModifyCacheCluster":       regionLocked(modifyCacheCluster),
	"DescribeServerlessCaches": regionLocked(describeServerlessCaches),
	"ModifyServerlessCache":    regionLocked(modifyServerlessCache),
	"ListTagsForResource":      regionLocked(listCacheTags),
}

type xmlCacheSG struct {
	SecurityGroupID string `xml:"SecurityGroupId"`
	Status          string `xml:"Status"`
}

type xmlCacheCluster struct {
	CacheClusterID     string       `xml:"CacheClusterId"`
	ARN                string       `xml:"ARN"`
	Engine             string       `xml:"Engine"`
	CacheClusterStatus string       `xml:"CacheClusterStatus"`
	NumCacheNodes      int          `xml:"NumCacheNodes"`
	SecurityGroups     []xmlCacheSG `xml:"SecurityGroups>member"`
}

type describeCacheClustersResult struct {
	CacheClusters []xmlCacheCluster `xml:"CacheClusters>CacheCluster"`
	Marker        string            `xml:"Marker,omitempty"`
}

func describeCacheClusters(c *call) (any, *apiError) {
	var names []string
	if id := c.Form.Get("CacheClusterId"); id != "" {
		names = []string{id}
	}
	items, missing := selected(c.state.cacheClusters, func(d dataStore) string { return d.Name }, names)
	if missing != "" {
		return nil, notFound("CacheClusterNotFound", "CacheCluster not found: %s", missing)
	}
	from, to, next, err := cachePager.page(c, c.Form.Get, len(items))
	if err != nil {
		return nil, err
	}
	res := describeCacheClustersResult{CacheClusters: []xmlCacheCluster{}, Marker: next}
	for _, d := range items[from:to] {
		res.CacheClusters = append(res.CacheClusters, cacheClusterXML(storeNamed(c.state.cacheClusters, d.Name), true))
	}
	return res, nil
}

// cacheClusterXML is d as ElastiCache shows it; count counts a Describe.
func cacheClusterXML(d *dataStore, count bool) xmlCacheCluster {
	status, groups := d.view(count)
	x := xmlCacheCluster{CacheClusterID: d.Name, ARN: d.ARN, Engine: d.Engine, CacheClusterStatus: status, NumCacheNodes: 1}
	for _, g := range groups {
		x.SecurityGroups = append(x.SecurityGroups, xmlCacheSG{SecurityGroupID: g.ID, Status: g.Status})
	}
	return x
}

// modifyCacheCluster changes a cluster's groups. ApplyImmediately is
// accepted and ignored: the cluster is "modifying" for the next Describe
// that includes it, then "available"; its nodes' interfaces ("ElastiCache
// <cluster>" or "ElastiCache <cluster>-<node>") move at once.
func modifyCacheCluster(c *call) (any, *apiError) {
	st, name := c.state, c.Form.Get("CacheClusterId")
	d := storeNamed(st.cacheClusters, name)
	if d == nil {
		return nil, notFound("CacheClusterNotFound", "CacheCluster not found: %s", name)
	}
	if next := groupList(c, "SecurityGroupIds.SecurityGroupId"); len(next) > 0 {
		if d.busy() {
			return nil, errf(http.StatusBadRequest, "InvalidCacheClusterState", "Cache cluster %s is not in available state.", name)
		}
		switch id, inVpc := st.badGroup(d.VpcID, next); {
		case id != "" && inVpc == "":
			return nil, errf(http.StatusBadRequest, "InvalidParameterValue", "The security group %s does not exist.", id)
		case id != "":
			return nil, errf(http.StatusBadRequest, "InvalidVPCNetworkStateFault",
				"The security group %s is in %s, not in the cache cluster's VPC %s.", id, inVpc, d.VpcID)
		}
		if !sameSet(d.Groups, next) {
			st.retarget(func(n *NetworkInterface) bool { return st.cacheClusterOf(n.Description) == name }, next)
			d.setGroups(next)
		}
	}
	return struct {
		CacheCluster xmlCacheCluster `xml:"CacheCluster"`
	}{cacheClusterXML(d, false)}, nil
}

// cacheClusterOf names the cluster an interface description belongs to:
// "ElastiCache <cluster>" or "ElastiCache <cluster>-<node>", the node being
// dash-separated digits. When two clusters could claim it ("redis" and
// "redis-2" for "ElastiCache redis-2"), the longer name wins.
func (st *regionState) cacheClusterOf(desc string) string {
	owner := ""
	for _, d := range st.cacheClusters {
		rest, ok := strings.CutPrefix(desc, "ElastiCache "+d.Name)
		if !ok || len(d.Name) <= len(owner) {
			continue
		}
		node, dashed := strings.CutPrefix(rest, "-")
		if rest == "" || (dashed && node != "" && strings.Trim(node, "0123456789-") == "") {
			owner = d.Name
		}
	}
	return owner
}

// elastiCacheSpecs are ElastiCache's part of a region's scenario.
type elastiCacheSpecs struct {
	CacheClusters    []DataStoreSpec       `yaml:"cache_clusters"`
	ServerlessCaches []ServerlessCacheSpec `yaml:"serverless_caches"`
}

// elastiCacheState is ElastiCache's part of a regionState; every op runs
// under the region lock.
type elastiCacheState struct {
	cacheClusters    []dataStore
	serverlessCaches []serverlessCache
}

func (b *builder) addCacheClusters() error {
	if err := b.addDataStores("cache_clusters", "redis", "elasticache", "cluster:", b.res.CacheClusters, &b.st.cacheClusters, nil); err != nil {
		return err
	}
	return b.addServerlessCaches()
}

type xmlCacheTag struct {
	Key   string `xml:"Key"`
	Value string `xml:"Value"`
}
