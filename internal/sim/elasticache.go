package sim

// ElastiCache (awsQuery, 2015-02-02): node-based cache clusters.

var elasticacheOps = map[string]op{
	"DescribeCacheClusters": describeCacheClusters,
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
	items, missing := selected(c.state.svc.cacheClusters, func(d dataStore) string { return d.Name }, names)
	if missing != "" {
		return nil, notFound("CacheClusterNotFound", "CacheCluster not found: %s", missing)
	}
	from, to, next, err := cachePager.page(c, c.Form.Get, len(items))
	if err != nil {
		return nil, err
	}
	res := describeCacheClustersResult{CacheClusters: []xmlCacheCluster{}, Marker: next}
	for _, d := range items[from:to] {
		x := xmlCacheCluster{CacheClusterID: d.Name, ARN: d.ARN, Engine: d.Engine, CacheClusterStatus: "available", NumCacheNodes: 1}
		for _, g := range d.Groups {
			x.SecurityGroups = append(x.SecurityGroups, xmlCacheSG{SecurityGroupID: g, Status: "active"})
		}
		res.CacheClusters = append(res.CacheClusters, x)
	}
	return res, nil
}
