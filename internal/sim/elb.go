package sim

import (
	"fmt"
	"net/http"
	"strings"
)

// Elastic Load Balancing: ELBv2 (2015-12-01) and classic ELB (2012-06-01)
// share the signing name and action names; byVersion picks the API.

var elbOps = map[string]op{
	"DescribeLoadBalancers": regionLocked(byVersion(map[string]op{"2015-12-01": describeLoadBalancersV2, "2012-06-01": describeLoadBalancersClassic})),
	"DescribeTags":          regionLocked(byVersion(map[string]op{"2015-12-01": describeTagsV2, "2012-06-01": describeTagsClassic})),
	// elb_security_groups.go
	"SetSecurityGroups":                 regionLocked(byVersion(map[string]op{"2015-12-01": setSecurityGroups})),
	"ApplySecurityGroupsToLoadBalancer": regionLocked(byVersion(map[string]op{"2012-06-01": applySecurityGroupsToLoadBalancer})),
}

func (st *regionState) lbs(classic bool) []loadBalancer {
	var out []loadBalancer
	for _, lb := range st.loadBalancers {
		if (lb.Type == "classic") == classic {
			out = append(out, lb)
		}
	}
	return out
}

type xmlLoadBalancerV2 struct {
	LoadBalancerArn  string   `xml:"LoadBalancerArn"`
	LoadBalancerName string   `xml:"LoadBalancerName"`
	DNSName          string   `xml:"DNSName"`
	Scheme           string   `xml:"Scheme"`
	Type             string   `xml:"Type"`
	VpcID            string   `xml:"VpcId"`
	State            string   `xml:"State>Code"`
	SecurityGroups   []string `xml:"SecurityGroups>member"`
}

type describeLBsV2Result struct {
	LoadBalancers []xmlLoadBalancerV2 `xml:"LoadBalancers>member"`
	NextMarker    string              `xml:"NextMarker,omitempty"`
}

func describeLoadBalancersV2(c *call) (any, *apiError) {
	all := c.state.lbs(false)
	lbs, missing := selected(all, func(l loadBalancer) string { return l.Name }, formList(c, "Names"))
	if missing == "" {
		lbs, missing = selected(lbs, func(l loadBalancer) string { return l.ARN }, formList(c, "LoadBalancerArns"))
	}
	if missing != "" {
		return nil, notFound("LoadBalancerNotFound", "One or more load balancers not found")
	}
	from, to, next, err := elbPager.page(c, c.Form.Get, len(lbs))
	if err != nil {
		return nil, err
	}
	res := describeLBsV2Result{LoadBalancers: []xmlLoadBalancerV2{}, NextMarker: next}
	for _, lb := range lbs[from:to] {
		res.LoadBalancers = append(res.LoadBalancers, xmlLoadBalancerV2{LoadBalancerArn: lb.ARN, LoadBalancerName: lb.Name,
			DNSName: lb.DNSName, Scheme: lb.Scheme, Type: lb.Type, VpcID: lb.VpcID, State: "active", SecurityGroups: lb.Groups})
	}
	return res, nil
}

type xmlTagDescription struct {
	ResourceArn      string   `xml:"ResourceArn,omitempty"`
	LoadBalancerName string   `xml:"LoadBalancerName,omitempty"`
	Tags             []xmlTag `xml:"Tags>member"`
}

type xmlTag struct {
	Key   string `xml:"Key"`
	Value string `xml:"Value"`
}

type describeTagsResult struct {
	TagDescriptions []xmlTagDescription `xml:"TagDescriptions>member"`
}

func xmlTags(tags []Tag) []xmlTag {
	out := []xmlTag{}
	for _, t := range tags {
		out = append(out, xmlTag(t))
	}
	return out
}

// describeTags serves both APIs: at most 20 resources, all of which must
// exist.
func describeTags(c *call, param string, classic bool, key func(loadBalancer) string) (any, *apiError) {
	keys := formList(c, param)
	if len(keys) == 0 || len(keys) > 20 {
		return nil, errf(http.StatusBadRequest, "ValidationError", "%s must list 1 to 20 load balancers", param)
	}
	lbs, missing := selected(c.state.lbs(classic), key, keys)
	if missing != "" {
		return nil, notFound("LoadBalancerNotFound", "Load balancer %s not found", missing)
	}
	res := describeTagsResult{TagDescriptions: []xmlTagDescription{}}
	for _, lb := range lbs {
		d := xmlTagDescription{Tags: xmlTags(lb.Tags)}
		if classic {
			d.LoadBalancerName = lb.Name
		} else {
			d.ResourceArn = lb.ARN
		}
		res.TagDescriptions = append(res.TagDescriptions, d)
	}
	return res, nil
}

func describeTagsV2(c *call) (any, *apiError) {
	return describeTags(c, "ResourceArns", false, func(l loadBalancer) string { return l.ARN })
}

func describeTagsClassic(c *call) (any, *apiError) {
	return describeTags(c, "LoadBalancerNames", true, func(l loadBalancer) string { return l.Name })
}

type xmlLoadBalancerClassic struct {
	LoadBalancerName string   `xml:"LoadBalancerName"`
	DNSName          string   `xml:"DNSName"`
	Scheme           string   `xml:"Scheme"`
	VPCID            string   `xml:"VPCId"`
	SecurityGroups   []string `xml:"SecurityGroups>member"`
}

type describeLBsClassicResult struct {
	LoadBalancerDescriptions []xmlLoadBalancerClassic `xml:"LoadBalancerDescriptions>member"`
	NextMarker               string                   `xml:"NextMarker,omitempty"`
}

func describeLoadBalancersClassic(c *call) (any, *apiError) {
	lbs, missing := selected(c.state.lbs(true), func(l loadBalancer) string { return l.Name }, formList(c, "LoadBalancerNames"))
	if missing != "" {
		return nil, notFound("LoadBalancerNotFound", "There is no ACTIVE Load Balancer named '%s'", missing)
	}
	from, to, next, err := elbPager.page(c, c.Form.Get, len(lbs))
	if err != nil {
		return nil, err
	}
	res := describeLBsClassicResult{LoadBalancerDescriptions: []xmlLoadBalancerClassic{}, NextMarker: next}
	for _, lb := range lbs[from:to] {
		res.LoadBalancerDescriptions = append(res.LoadBalancerDescriptions, xmlLoadBalancerClassic{LoadBalancerName: lb.Name,
			DNSName: strings.ToLower(lb.DNSName), Scheme: lb.Scheme, VPCID: lb.VpcID, SecurityGroups: lb.Groups})
	}
	return res, nil
}

// elbSpecs are Elastic Load Balancing's part of a region's scenario.
type elbSpecs struct {
	LoadBalancers []LoadBalancerSpec `yaml:"load_balancers"`
}

// elbState is Elastic Load Balancing's part of a regionState: all types,
// classic included, changed by SetSecurityGroups and friends, so every op
// runs under the region lock.
type elbState struct {
	loadBalancers []loadBalancer
}

// LoadBalancerSpec is an Elastic Load Balancing load balancer.
type LoadBalancerSpec struct {
	Name string `yaml:"name"`
	// Type is application (default), network, gateway or classic.
	// Omitted groups: application and classic get the VPC's default group,
	// network and gateway none.
	Type      string `yaml:"type"`
	Scheme    string `yaml:"scheme"` // internet-facing (default) or internal
	Placement `yaml:",inline"`
	Tags      map[string]string `yaml:"tags"`
}

type loadBalancer struct {
	Name, ARN, Type, Scheme, VpcID, DNSName string
	Groups                                  []string
	Tags                                    []Tag
	// PrivateLinkRules is a network load balancer's
	// EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic once set ("" = on).
	PrivateLinkRules string
}

func (b *builder) addLoadBalancers() error {
	seen := map[string]bool{}
	for i, lb := range b.res.LoadBalancers {
		at := path{"load_balancers", i}
		if err := b.unique(seen, lb.Name, at); err != nil {
			return err
		}
		typ := lb.Type
		if typ == "" {
			typ = "application"
		}
		prefix := map[string]string{"application": "app", "network": "net", "gateway": "gwy", "classic": ""}
		short, ok := prefix[typ]
		if !ok {
			return b.errAt(append(at, "type"), "type %q is not application, network, gateway or classic", lb.Type)
		}
		if typ == "gateway" && len(lb.Groups) > 0 {
			return b.errAt(append(at, "groups"), "gateway load balancers take no security groups")
		}
		vpcID, ids, err := b.placed(lb.Placement, typ == "application" || typ == "classic", at)
		if err != nil {
			return err
		}
		scheme := lb.Scheme
		if scheme == "" {
			scheme = "internet-facing"
		}
		out := loadBalancer{Name: lb.Name, Type: typ, Scheme: scheme, VpcID: vpcID, Groups: ids, Tags: tagsOf(lb.Tags, "")}
		if typ == "classic" {
			out.DNSName = fmt.Sprintf("%s-%s.%s.elb.amazonaws.com", lb.Name, b.st.ids.hexN("elb", 10), b.st.region)
		} else {
			suffix := b.st.ids.hexN("elbv2", 16)
			out.ARN = b.arn("elasticloadbalancing", "loadbalancer/"+short+"/"+lb.Name+"/"+suffix)
			out.DNSName = fmt.Sprintf("%s-%s.elb.%s.amazonaws.com", lb.Name, suffix[:10], b.st.region)
		}
		b.st.loadBalancers = append(b.st.loadBalancers, out)
	}
	return nil
}
