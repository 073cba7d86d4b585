package sim

import "fmt"

// addServices builds the non-EC2 resources of the account-region. It runs
// after groups and subnets exist, so references resolve like an
// interface's: scenario names, "vpc/name", or literal sg- ids.
func (b *builder) addServices() error {
	b.st.svc = &svcResources{}
	for _, step := range []func() error{b.addAutoScaling, b.addLoadBalancers, b.addDataStores, b.addFileSystems, b.addEKS} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
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

func (b *builder) addAutoScaling() error {
	svc, seen := b.st.svc, map[string]bool{}
	for i, lc := range b.res.LaunchConfigurations {
		at := path{"launch_configurations", i}
		if err := b.unique(seen, lc.Name, at); err != nil {
			return err
		}
		_, ids, err := b.placed(lc.Placement, false, at)
		if err != nil {
			return err
		}
		svc.launchConfigs = append(svc.launchConfigs, launchConfig{Name: lc.Name,
			ARN:            b.arn("autoscaling", "launchConfiguration:"+b.uuid()+":launchConfigurationName/"+lc.Name),
			SecurityGroups: append(ids, lc.GroupNames...)})
	}
	names := map[string]bool{}
	for i, g := range b.res.AutoScalingGroups {
		at := path{"autoscaling_groups", i}
		if err := b.unique(names, g.Name, at); err != nil {
			return err
		}
		sources := 0
		for _, set := range []bool{g.LaunchConfiguration != "", g.LaunchTemplate != nil, g.MixedInstances != nil} {
			if set {
				sources++
			}
		}
		if sources != 1 {
			return b.errAt(at, "exactly one of launch_configuration, launch_template, mixed_instances is required")
		}
		if g.LaunchConfiguration != "" && !seen[g.LaunchConfiguration] {
			return b.errAt(append(at, "launch_configuration"), "no launch configuration %q", g.LaunchConfiguration)
		}
		svc.asgs = append(svc.asgs, autoScalingGroup{Name: g.Name,
			ARN:                 b.arn("autoscaling", "autoScalingGroup:"+b.uuid()+":autoScalingGroupName/"+g.Name),
			LaunchConfiguration: g.LaunchConfiguration, LaunchTemplate: g.LaunchTemplate, Mixed: g.MixedInstances,
			Tags: tagsOf(g.Tags, "")})
	}
	return nil
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
		b.st.svc.loadBalancers = append(b.st.svc.loadBalancers, out)
	}
	return nil
}
