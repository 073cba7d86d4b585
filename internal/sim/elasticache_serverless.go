package sim

import (
	"net/http"
	"slices"
)

// ElastiCache serverless caches (DescribeServerlessCaches,
// ModifyServerlessCache in elasticache_serverless_update.go) and the tags of
// every ElastiCache resource the simulator holds (ListTagsForResource). A
// serverless cache has one endpoint interface per subnet, on its groups,
// with an empty description: AWS documents none (docs/FIDELITY.md).

// serverlessPager is DescribeServerlessCaches' paging: MaxResults and
// NextToken, not MaxRecords and Marker.
var serverlessPager = pager{"MaxResults", "NextToken", 1, 100, 50, "InvalidParameterValue"}

type xmlServerlessCache struct {
	Name             string   `xml:"ServerlessCacheName"`
	ARN              string   `xml:"ARN"`
	Engine           string   `xml:"Engine"`
	Status           string   `xml:"Status"`
	SecurityGroupIDs []string `xml:"SecurityGroupIds>SecurityGroupId"`
	SubnetIDs        []string `xml:"SubnetIds>SubnetId"`
}

type describeServerlessCachesResult struct {
	ServerlessCaches []xmlServerlessCache `xml:"ServerlessCaches>member"`
	NextToken        string               `xml:"NextToken,omitempty"`
}

func describeServerlessCaches(c *call) (any, *apiError) {
	items := c.state.serverlessCaches
	if name := c.Form.Get("ServerlessCacheName"); name != "" {
		i := slices.IndexFunc(items, func(s serverlessCache) bool { return s.Name == name })
		if i < 0 {
			return nil, errf(http.StatusNotFound, "ServerlessCacheNotFoundFault", "Serverless cache %s not found.", name)
		}
		items = items[i : i+1]
	}
	from, to, next, err := serverlessPager.page(c, c.Form.Get, len(items))
	if err != nil {
		return nil, err
	}
	res := describeServerlessCachesResult{ServerlessCaches: []xmlServerlessCache{}, NextToken: next}
	for i := range items[from:to] {
		s := &items[from+i]
		status := "available"
		if s.settling() {
			status = "modifying"
		}
		res.ServerlessCaches = append(res.ServerlessCaches, s.xml(status))
	}
	return res, nil
}

func (s *serverlessCache) xml(status string) xmlServerlessCache {
	return xmlServerlessCache{Name: s.Name, ARN: s.ARN, Engine: s.Engine,
		Status: status, SecurityGroupIDs: s.Groups, SubnetIDs: s.Subnets}
}

// settling reports whether a group change is still applying, counting the read.
func (s *serverlessCache) settling() bool {
	if s.Pending == 0 {
		return false
	}
	s.Pending--
	return true
}

// listCacheTags answers ListTagsForResource for cache clusters and
// serverless caches, by ARN.
func listCacheTags(c *call) (any, *apiError) {
	arn := c.Form.Get("ResourceName")
	var tags []Tag
	switch i, j := slices.IndexFunc(c.state.cacheClusters, func(d dataStore) bool { return d.ARN == arn }),
		slices.IndexFunc(c.state.serverlessCaches, func(s serverlessCache) bool { return s.ARN == arn }); {
	case i >= 0:
		tags = c.state.cacheClusters[i].Tags
	case j >= 0:
		tags = c.state.serverlessCaches[j].Tags
	default:
		return nil, errf(http.StatusBadRequest, "InvalidARN", "ARN %s is not valid or not found.", arn)
	}
	return struct {
		TagList []xmlRDSTag `xml:"TagList>Tag"`
	}{rdsTags(tags)}, nil
}

// ServerlessCacheSpec is an ElastiCache serverless cache
// (serverless_caches). Omitted groups: the VPC's default group, as
// CreateServerlessCache falls back to it.
type ServerlessCacheSpec struct {
	Name string `yaml:"name"`
	// Engine is valkey (default), redis or memcached.
	Engine    string `yaml:"engine"`
	Placement `yaml:",inline"`
	// Subnets are names or ids in the VPC, one endpoint interface each;
	// omitted: the VPC's first subnet.
	Subnets []string          `yaml:"subnets"`
	Tags    map[string]string `yaml:"tags"`
}

type serverlessCache struct {
	Name, ARN, Engine, VpcID string
	Groups, Subnets          []string
	Interfaces               []string
	Tags                     []Tag
	// Pending is how many more reads show a group change still applying
	// ("modifying").
	Pending int
}

// addServerlessCaches builds the serverless caches and their interfaces.
func (b *builder) addServerlessCaches() error {
	seen := map[string]bool{}
	for i, spec := range b.res.ServerlessCaches {
		at := path{"serverless_caches", i}
		if err := b.unique(seen, spec.Name, at); err != nil {
			return err
		}
		engine := spec.Engine
		if engine == "" {
			engine = "valkey"
		}
		vpcID, groups, err := b.placed(spec.Placement, true, at)
		if err != nil {
			return err
		}
		refs := spec.Subnets
		if len(refs) == 0 {
			refs = []string{""}
		}
		s := serverlessCache{Name: spec.Name, ARN: b.arn("elasticache", "serverlesscache:"+spec.Name), Engine: engine,
			VpcID: vpcID, Groups: groups, Tags: tagsOf(spec.Tags, "")}
		for j, ref := range refs {
			sn, err := b.subnetOf(vpcID, ref, append(append(path{}, at...), "subnets", j))
			if err != nil {
				return err
			}
			n := b.st.newInterface(b.st.ids.next("eni"), sn, slices.Clone(groups))
			n.Status, n.RequesterManaged = "in-use", true
			b.st.enis[n.ID] = n
			s.Subnets, s.Interfaces = append(s.Subnets, sn.ID), append(s.Interfaces, n.ID)
		}
		b.st.serverlessCaches = append(b.st.serverlessCaches, s)
	}
	return nil
}
