package sim

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
)

// Load balancer group changes: ELBv2 SetSecurityGroups (LoadBalancerArn,
// SecurityGroups.member.N) and classic ApplySecurityGroupsToLoadBalancer
// (LoadBalancerName, SecurityGroups.member.N). Both replace the groups at
// once, as AWS does, and move the load balancer's interfaces: "ELB
// app/<name>/<id>" or "ELB net/<name>/<id>" (the ARN after
// "loadbalancer/") and "ELB <name>" for a classic one.

// loadBalancerBy finds a load balancer of one API by its key (ARN or name);
// the pointer is into the region state, so changes stick.
func (st *regionState) loadBalancerBy(classic bool, key func(*loadBalancer) string, want string) *loadBalancer {
	for i := range st.loadBalancers {
		lb := &st.loadBalancers[i]
		if (lb.Type == "classic") == classic && key(lb) == want {
			return lb
		}
	}
	return nil
}

// elbGroupError checks next against the load balancer's VPC; both APIs
// answer InvalidSecurityGroup.
func elbGroupError(st *regionState, lb *loadBalancer, next []string) *apiError {
	id, inVpc := st.badGroup(lb.VpcID, next)
	switch {
	case id == "":
		return nil
	case inVpc == "":
		return errf(http.StatusBadRequest, "InvalidSecurityGroup", "Security group '%s' does not exist", id)
	default:
		return errf(http.StatusBadRequest, "InvalidSecurityGroup", "Security group '%s' does not belong to VPC '%s'", id, lb.VpcID)
	}
}

// moveLoadBalancer gives lb and the interfaces described desc the groups
// next.
func (st *regionState) moveLoadBalancer(lb *loadBalancer, desc string, next []string) {
	st.retarget(func(n *NetworkInterface) bool { return n.Description == desc }, next)
	lb.Groups = slices.Clone(next)
}

type setSecurityGroupsResult struct {
	SecurityGroupIDs []string `xml:"SecurityGroupIds>member"`
	PrivateLinkRules string   `xml:"EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic,omitempty"`
}

// setSecurityGroups serves ALBs and NLBs. An NLB created without groups
// can never get any, a gateway load balancer takes none, and an ALB keeps
// at least one.
func setSecurityGroups(c *call) (any, *apiError) {
	st, arn := c.state, c.Form.Get("LoadBalancerArn")
	lb := st.loadBalancerBy(false, func(l *loadBalancer) string { return l.ARN }, arn)
	if lb == nil {
		return nil, notFound("LoadBalancerNotFound", "Load balancer '%s' not found", arn)
	}
	next := groupList(c, "SecurityGroups.member")
	rules := c.Form.Get("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic")
	switch {
	case lb.Type == "gateway":
		return nil, errf(http.StatusBadRequest, "InvalidConfigurationRequest",
			"Security groups are not supported for load balancers with type 'gateway'")
	case lb.Type == "network" && len(lb.Groups) == 0:
		return nil, errf(http.StatusBadRequest, "InvalidConfigurationRequest",
			"You cannot set security groups on a Network Load Balancer which was created without any security groups")
	case lb.Type == "application" && len(next) == 0:
		return nil, errf(http.StatusBadRequest, "ValidationError", "An Application Load Balancer must have at least one security group")
	case rules != "" && rules != "on" && rules != "off":
		return nil, errf(http.StatusBadRequest, "ValidationError",
			"EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic must be on or off, got %q", rules)
	}
	if e := elbGroupError(st, lb, next); e != nil {
		return nil, e
	}
	suffix := arn[strings.Index(arn, "loadbalancer/")+len("loadbalancer/"):]
	st.moveLoadBalancer(lb, "ELB "+suffix, next)
	res := setSecurityGroupsResult{SecurityGroupIDs: lb.Groups}
	if lb.Type == "network" {
		if rules != "" {
			lb.PrivateLinkRules = rules
		}
		res.PrivateLinkRules = cmp.Or(lb.PrivateLinkRules, "on")
	}
	return res, nil
}

// applySecurityGroupsToLoadBalancer serves classic load balancers, all in
// a VPC here.
func applySecurityGroupsToLoadBalancer(c *call) (any, *apiError) {
	st, name := c.state, c.Form.Get("LoadBalancerName")
	lb := st.loadBalancerBy(true, func(l *loadBalancer) string { return l.Name }, name)
	if lb == nil {
		return nil, notFound("LoadBalancerNotFound", "There is no ACTIVE Load Balancer named '%s'", name)
	}
	next := groupList(c, "SecurityGroups.member")
	if len(next) == 0 {
		return nil, errf(http.StatusBadRequest, "ValidationError", "SecurityGroups must list at least one security group")
	}
	if e := elbGroupError(st, lb, next); e != nil {
		return nil, e
	}
	st.moveLoadBalancer(lb, "ELB "+name, next)
	return struct {
		SecurityGroups []string `xml:"SecurityGroups>member"`
	}{lb.Groups}, nil
}
