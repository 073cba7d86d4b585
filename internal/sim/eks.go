package sim

import (
	"net/http"
	"net/url"
	"strings"
)

// EKS (REST-JSON): ListClusters and DescribeCluster; UpdateClusterConfig
// (eks_update.go) changes a cluster, so every op runs under the region lock.

var eksOps = map[string]op{
	"ListClusters":        regionLocked(listEKSClusters),
	"DescribeCluster":     regionLocked(describeEKSCluster),
	"UpdateClusterConfig": regionLocked(updateEKSClusterConfig),
}

// eksRoute names the action of an EKS request: GET /clusters,
// GET /clusters/{name} and POST /clusters/{name}/update-config.
func eksRoute(r *http.Request) string {
	rest, ok := strings.CutPrefix(r.URL.EscapedPath(), "/clusters")
	if r.Method == http.MethodPost {
		name, ok2 := strings.CutSuffix(strings.TrimPrefix(rest, "/"), "/update-config")
		if ok && ok2 && name != "" && !strings.Contains(name, "/") {
			return "UpdateClusterConfig"
		}
		return ""
	}
	if r.Method != http.MethodGet {
		return ""
	}
	switch {
	case !ok:
		return ""
	case rest == "" || rest == "/":
		return "ListClusters"
	case !strings.Contains(rest[1:], "/"):
		return "DescribeCluster"
	}
	return ""
}

func listEKSClusters(c *call) (any, *apiError) {
	items := c.state.eksClusters
	from, to, next, err := eksPager.page(c, c.HTTP.URL.Query().Get, len(items))
	if err != nil {
		return nil, err
	}
	out := struct {
		Clusters  []string `json:"clusters"`
		NextToken string   `json:"nextToken,omitempty"`
	}{Clusters: []string{}, NextToken: next}
	for _, cl := range items[from:to] {
		out.Clusters = append(out.Clusters, cl.Name)
	}
	return out, nil
}

type jsonEKSVpcConfig struct {
	SubnetIDs              []string `json:"subnetIds"`
	SecurityGroupIDs       []string `json:"securityGroupIds"`
	ClusterSecurityGroupID string   `json:"clusterSecurityGroupId,omitempty"`
	VpcID                  string   `json:"vpcId"`
}

type jsonEKSCluster struct {
	Name               string            `json:"name"`
	Arn                string            `json:"arn"`
	Status             string            `json:"status"`
	Version            string            `json:"version"`
	ResourcesVpcConfig jsonEKSVpcConfig  `json:"resourcesVpcConfig"`
	Tags               map[string]string `json:"tags"`
}

func describeEKSCluster(c *call) (any, *apiError) {
	name, err := url.PathUnescape(strings.TrimPrefix(c.HTTP.URL.EscapedPath(), "/clusters/"))
	if err != nil {
		return nil, errf(http.StatusBadRequest, "InvalidParameterException", "bad cluster name")
	}
	for i := range c.state.eksClusters {
		if cl := &c.state.eksClusters[i]; cl.Name == name {
			return struct {
				Cluster jsonEKSCluster `json:"cluster"`
			}{jsonEKSCluster{Name: cl.Name, Arn: cl.ARN, Status: cl.status(), Version: "1.31", Tags: tagMap(cl.Tags),
				ResourcesVpcConfig: jsonEKSVpcConfig{SubnetIDs: cl.SubnetIDs, SecurityGroupIDs: append([]string{}, cl.Groups...),
					ClusterSecurityGroupID: cl.ClusterGroup, VpcID: cl.VpcID}}}, nil
		}
	}
	return nil, errf(http.StatusNotFound, "ResourceNotFoundException", "No cluster found for name: %s.", name)
}

// eksSpecs are EKS's part of a region's scenario.
type eksSpecs struct {
	EKSClusters []EKSClusterSpec `yaml:"eks_clusters"`
}

// eksState is EKS's part of a regionState; UpdateClusterConfig changes it.
type eksState struct {
	eksClusters []eksCluster
}

// EKSClusterSpec is an EKS cluster. Groups are the additional groups of
// resourcesVpcConfig (omitted = none); ClusterGroup stands for the group
// EKS creates, so tests can point it anywhere.
type EKSClusterSpec struct {
	Name         string `yaml:"name"`
	Placement    `yaml:",inline"`
	ClusterGroup string            `yaml:"cluster_group"`
	Tags         map[string]string `yaml:"tags"`
}

type eksCluster struct {
	Name, ARN, VpcID, ClusterGroup string
	Groups, SubnetIDs              []string
	Tags                           []Tag
	// Pending is how many more DescribeClusters show it UPDATING.
	Pending int
}

func (b *builder) addEKS() error {
	seen := map[string]bool{}
	for i, c := range b.res.EKSClusters {
		at := path{"eks_clusters", i}
		if err := b.unique(seen, c.Name, at); err != nil {
			return err
		}
		vpcID, ids, err := b.placed(c.Placement, false, at)
		if err != nil {
			return err
		}
		out := eksCluster{Name: c.Name, ARN: b.arn("eks", "cluster/"+c.Name), VpcID: vpcID, Groups: ids, Tags: tagsOf(c.Tags, "")}
		if c.ClusterGroup != "" {
			_, cg, err := b.placed(Placement{VPC: c.VPC, Groups: []string{c.ClusterGroup}}, false, append(at, "cluster_group"))
			if err != nil {
				return err
			}
			out.ClusterGroup = cg[0]
		}
		for _, id := range sortedKeys(b.st.subnets) {
			if b.st.subnets[id].VpcID == vpcID {
				out.SubnetIDs = append(out.SubnetIDs, id)
			}
		}
		b.st.eksClusters = append(b.st.eksClusters, out)
	}
	return nil
}
