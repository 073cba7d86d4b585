package sim

import "fmt"

// How a scenario resource says where it sits and which groups it carries,
// and how the builder resolves that against the EC2 foundation: groups,
// subnets and VPC names resolve exactly as for interfaces.

// Placement is where a resource sits and which groups it carries.
type Placement struct {
	VPC string `yaml:"vpc"` // VPC name or id; omitted = the default VPC
	// Groups are names ("vpcname/name" if ambiguous) or sg- ids in the VPC.
	// Omitted: the VPC's default group for services that fall back to it
	// when created without groups; [] means none.
	Groups []string `yaml:"groups"`
}

// awsvpc is an awsvpc network configuration (ECS, EventBridge targets).
type awsvpc struct {
	Subnets, Groups []string
	PublicIP        bool // assignPublicIp ENABLED
}

// placed resolves a Placement to a VPC id and group ids. fallback gives
// the VPC's default group when groups are omitted, as the create APIs of
// RDS, ElastiCache, Redshift, EFS and ALBs do.
func (b *builder) placed(p Placement, fallback bool, at path) (string, []string, error) {
	vpcID, err := b.vpcOf(p.VPC, append(append(path{}, at...), "vpc"))
	if err != nil {
		return "", nil, err
	}
	if p.Groups == nil {
		if fallback {
			return vpcID, []string{b.st.groupByName(vpcID, "default").ID}, nil
		}
		return vpcID, []string{}, nil
	}
	ids := []string{}
	for j, ref := range p.Groups {
		g := b.st.groups[ref]
		if g == nil {
			g = b.findGroup(vpcID, ref)
		}
		if g == nil || g.VpcID != vpcID {
			return "", nil, b.errAt(append(append(path{}, at...), "groups", j), "no group %q in VPC %s", ref, vpcID)
		}
		ids = append(ids, g.ID)
	}
	return vpcID, ids, nil
}

// unique checks a name is given and not repeated within one list.
func (b *builder) unique(seen map[string]bool, name string, at path) error {
	if name == "" {
		return b.errAt(append(append(path{}, at...), "name"), "name is required")
	}
	if seen[name] {
		return b.errAt(append(append(path{}, at...), "name"), "duplicate name %q", name)
	}
	seen[name] = true
	return nil
}

func (b *builder) arn(service, resource string) string {
	return fmt.Sprintf("arn:aws:%s:%s:%s:%s", service, b.st.region, b.st.account, resource)
}

// uuid is a deterministic UUID-shaped string, for ARNs that carry one.
func (b *builder) uuid() string {
	h := b.st.ids.hexN("uuid", 32)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// optionalNet resolves a Placement whose omitted groups mean "not in a
// VPC": it returns nil then, else the VPC, its first subnet and the groups.
func (b *builder) optionalNet(p Placement, at path) (vpcID string, net *awsvpc, err error) {
	if p.Groups == nil {
		return "", nil, nil
	}
	vpcID, ids, err := b.placed(p, false, at)
	if err != nil {
		return "", nil, err
	}
	sn, err := b.subnetOf(vpcID, "", at)
	if err != nil {
		return "", nil, err
	}
	return vpcID, &awsvpc{Subnets: []string{sn.ID}, Groups: ids}, nil
}
