package sim

import (
	"net/netip"
	"sort"
	"strings"
)

type xRegion struct {
	RegionName     string `xml:"regionName"`
	RegionEndpoint string `xml:"regionEndpoint"`
	OptInStatus    string `xml:"optInStatus"`
}

var regionFilter = filterer[RegionSpec]{fields: fields[RegionSpec]{
	"region-name":   func(r RegionSpec) []string { return one(r.Name) },
	"opt-in-status": func(r RegionSpec) []string { return one(r.status()) },
	"endpoint":      func(r RegionSpec) []string { return one("ec2." + r.Name + ".amazonaws.com") },
}}

// describeRegions lists the account's enabled regions, or with AllRegions
// also those not opted in.
func describeRegions(c *call, _ *regionState) (any, *apiError) {
	fs := filters(c.Form)
	if e := regionFilter.check(fs); e != nil {
		return nil, e
	}
	all := boolParam(c.Form, "AllRegions")
	names := map[string]bool{}
	for _, n := range list(c.Form, "RegionName") {
		names[n] = true
	}
	out := &struct {
		ec2Meta
		Regions items[xRegion] `xml:"regionInfo"`
	}{}
	out.Regions.Item = []xRegion{}
	for _, r := range c.srv.regions[c.Account] {
		if (!all && !r.enabled()) || (len(names) > 0 && !names[r.Name]) || !regionFilter.match(fs, r) {
			continue
		}
		out.Regions.Item = append(out.Regions.Item, xRegion{r.Name, "ec2." + r.Name + ".amazonaws.com", r.status()})
	}
	sort.Slice(out.Regions.Item, func(i, j int) bool { return out.Regions.Item[i].RegionName < out.Regions.Item[j].RegionName })
	return out, nil
}

type xState struct {
	State string `xml:"state"`
}

type xCidrAssoc struct {
	AssociationID  string `xml:"associationId"`
	CidrBlock      string `xml:"cidrBlock"`
	CidrBlockState xState `xml:"cidrBlockState"`
}

type xIPv6Assoc struct {
	AssociationID      string `xml:"associationId"`
	IPv6CidrBlock      string `xml:"ipv6CidrBlock"`
	IPv6CidrBlockState xState `xml:"ipv6CidrBlockState"`
	NetworkBorderGroup string `xml:"networkBorderGroup"`
	IPv6Pool           string `xml:"ipv6Pool"`
}

type xVpc struct {
	VpcID           string             `xml:"vpcId"`
	OwnerID         string             `xml:"ownerId"`
	State           string             `xml:"state"`
	CidrBlock       string             `xml:"cidrBlock"`
	CidrAssocs      items[xCidrAssoc]  `xml:"cidrBlockAssociationSet"`
	IPv6Assocs      *items[xIPv6Assoc] `xml:"ipv6CidrBlockAssociationSet,omitempty"`
	DhcpOptionsID   string             `xml:"dhcpOptionsId"`
	InstanceTenancy string             `xml:"instanceTenancy"`
	IsDefault       bool               `xml:"isDefault"`
	TagSet          *items[xTag]       `xml:"tagSet,omitempty"`
}

var vpcFilter = filterer[*Vpc]{
	fields: fields[*Vpc]{
		"vpc-id":                            func(v *Vpc) []string { return one(v.ID) },
		"is-default":                        func(v *Vpc) []string { return boolStr(v.IsDefault) },
		"owner-id":                          func(v *Vpc) []string { return one(v.OwnerID) },
		"state":                             func(*Vpc) []string { return one("available") },
		"cidr":                              func(v *Vpc) []string { return one(v.CidrBlock) },
		"cidr-block-association.cidr-block": func(v *Vpc) []string { return one(v.CidrBlock) },
		"ipv6-cidr-block-association.ipv6-cidr-block": func(v *Vpc) []string { return one(v.Ipv6CidrBlock) },
	},
	tags: func(v *Vpc) []Tag { return v.Tags },
}

func describeVpcs(c *call, st *regionState) (any, *apiError) {
	ids, next, e := selectIDs(c, st.vpcs, "VpcId", func(id string) *apiError {
		return notFound("InvalidVpcID.NotFound", "The vpc ID '%s' does not exist", id)
	}, vpcFilter)
	if e != nil {
		return nil, e
	}
	out := &struct {
		ec2Meta
		Vpcs      items[xVpc] `xml:"vpcSet"`
		NextToken string      `xml:"nextToken,omitempty"`
	}{NextToken: next}
	out.Vpcs.Item = []xVpc{}
	for _, id := range ids {
		out.Vpcs.Item = append(out.Vpcs.Item, st.xVpc(st.vpcs[id]))
	}
	return out, nil
}

func (st *regionState) xVpc(v *Vpc) xVpc {
	suffix := strings.TrimPrefix(v.ID, "vpc-")
	x := xVpc{VpcID: v.ID, OwnerID: v.OwnerID, State: "available", CidrBlock: v.CidrBlock,
		CidrAssocs:    items[xCidrAssoc]{Item: []xCidrAssoc{{"vpc-cidr-assoc-" + suffix, v.CidrBlock, xState{"associated"}}}},
		DhcpOptionsID: "dopt-" + head(suffix, 8), InstanceTenancy: "default", IsDefault: v.IsDefault, TagSet: xTags(v.Tags)}
	if v.Ipv6CidrBlock != "" {
		x.IPv6Assocs = &items[xIPv6Assoc]{Item: []xIPv6Assoc{{"vpc-cidr-assoc-6" + head(suffix, 16), v.Ipv6CidrBlock,
			xState{"associated"}, st.region, "Amazon"}}}
	}
	return x
}

type xSubnet struct {
	SubnetID                string       `xml:"subnetId"`
	SubnetArn               string       `xml:"subnetArn"`
	VpcID                   string       `xml:"vpcId"`
	OwnerID                 string       `xml:"ownerId"`
	State                   string       `xml:"state"`
	CidrBlock               string       `xml:"cidrBlock"`
	AvailabilityZone        string       `xml:"availabilityZone"`
	AvailableIPAddressCount int          `xml:"availableIpAddressCount"`
	DefaultForAz            bool         `xml:"defaultForAz"`
	MapPublicIPOnLaunch     bool         `xml:"mapPublicIpOnLaunch"`
	TagSet                  *items[xTag] `xml:"tagSet,omitempty"`
}

var subnetFilter = filterer[*Subnet]{
	fields: fields[*Subnet]{
		"subnet-id":         func(s *Subnet) []string { return one(s.ID) },
		"vpc-id":            func(s *Subnet) []string { return one(s.VpcID) },
		"owner-id":          func(s *Subnet) []string { return one(s.OwnerID) },
		"availability-zone": func(s *Subnet) []string { return one(s.AvailabilityZone) },
		"cidr-block":        func(s *Subnet) []string { return one(s.CidrBlock) },
		"default-for-az":    func(s *Subnet) []string { return boolStr(s.DefaultForAz) },
		"state":             func(*Subnet) []string { return one("available") },
	},
	tags: func(s *Subnet) []Tag { return s.Tags },
}

func describeSubnets(c *call, st *regionState) (any, *apiError) {
	ids, next, e := selectIDs(c, st.subnets, "SubnetId", func(id string) *apiError {
		return notFound("InvalidSubnetID.NotFound", "The subnet ID '%s' does not exist", id)
	}, subnetFilter)
	if e != nil {
		return nil, e
	}
	out := &struct {
		ec2Meta
		Subnets   items[xSubnet] `xml:"subnetSet"`
		NextToken string         `xml:"nextToken,omitempty"`
	}{NextToken: next}
	out.Subnets.Item = []xSubnet{}
	for _, id := range ids {
		out.Subnets.Item = append(out.Subnets.Item, st.xSubnet(st.subnets[id]))
	}
	return out, nil
}

func (st *regionState) xSubnet(s *Subnet) xSubnet {
	free := 0
	if p, err := netip.ParsePrefix(s.CidrBlock); err == nil && p.Bits() <= 30 {
		free = 1<<(32-p.Bits()) - 5 // AWS reserves five addresses per subnet
	}
	return xSubnet{SubnetID: s.ID, SubnetArn: st.arn("subnet", s.ID), VpcID: s.VpcID, OwnerID: s.OwnerID,
		State: "available", CidrBlock: s.CidrBlock, AvailabilityZone: s.AvailabilityZone,
		AvailableIPAddressCount: free, DefaultForAz: s.DefaultForAz, MapPublicIPOnLaunch: s.DefaultForAz,
		TagSet: xTags(s.Tags)}
}

func head(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
