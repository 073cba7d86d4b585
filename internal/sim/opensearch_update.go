package sim

import (
	"net/http"
	"net/url"
	"strings"
)

// updateOpenSearchDomainConfig changes VPCOptions (the only member
// modelled). Adding or removing groups is a blue/green deployment in AWS:
// the domain is Processing for the next DescribeDomains, and another change
// meanwhile is refused here (AWS refuses it for Multi-AZ with Standby
// domains). The "ES <domain>" interfaces move at once.
func updateOpenSearchDomainConfig(c *call) (any, *apiError) {
	p := strings.TrimSuffix(strings.TrimPrefix(c.HTTP.URL.EscapedPath(), "/2021-01-01/opensearch/domain/"), "/config")
	name, err := url.PathUnescape(p)
	if err != nil || name == "" || strings.Contains(name, "/") {
		return nil, openSearchInvalid("bad domain name")
	}
	var req struct {
		VPCOptions *struct {
			SubnetIDs        []string `json:"SubnetIds"`
			SecurityGroupIDs []string `json:"SecurityGroupIds"`
		} `json:"VPCOptions"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	var d *vpcResource
	for i := range c.state.openSearchDomains {
		if c.state.openSearchDomains[i].Name == name {
			d = &c.state.openSearchDomains[i]
		}
	}
	if d == nil {
		return nil, errf(http.StatusConflict, "ResourceNotFoundException", "Domain not found: %s", name)
	}
	if o := req.VPCOptions; o != nil && o.SecurityGroupIDs != nil {
		next := dedupe(o.SecurityGroupIDs)
		switch id := c.state.invalidGroup(d.VpcID, next); {
		case d.Pending > 0:
			return nil, openSearchInvalid("A change is already in progress for domain " + name + ".")
		case o.SubnetIDs != nil && !sameSet(o.SubnetIDs, d.Subnets):
			return nil, openSearchInvalid("The simulator models group changes only, not subnet changes.")
		case id != "":
			return nil, openSearchInvalid("The security group " + id + " does not exist in the domain's VPC " + d.VpcID + ".")
		}
		if !sameSet(next, d.Groups) {
			c.state.retarget(func(n *NetworkInterface) bool { return n.Description == "ES "+d.Name }, next)
			d.Groups, d.Pending = next, settlingReads
		}
	}
	state := "Active"
	if d.Pending > 0 {
		state = "Processing"
	}
	return map[string]any{"DomainConfig": map[string]any{"VPCOptions": map[string]any{
		"Options": map[string]any{"VPCId": d.VpcID, "SubnetIds": nonNil(d.Subnets), "SecurityGroupIds": nonNil(d.Groups), "AvailabilityZones": []string{}},
		"Status":  map[string]any{"CreationDate": 1.7e9, "UpdateDate": 1.7e9, "UpdateVersion": 2, "State": state, "PendingDeletion": false}}}}, nil
}
