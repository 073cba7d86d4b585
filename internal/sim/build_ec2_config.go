package sim

import "fmt"

func (b *builder) addLaunchTemplates() error {
	seen := map[string]bool{}
	for i, t := range b.res.LaunchTemplates {
		at := path{"launch_templates", i}
		if err := b.unique(seen, t.Name, at); err != nil {
			return err
		}
		id, err := b.pinOrNext(t.ID, "lt", append(at, "id"))
		if err != nil {
			return err
		}
		if len(t.Versions) == 0 {
			return b.errAt(append(at, "versions"), "a launch template has at least one version")
		}
		def := t.DefaultVersion
		if def == 0 {
			def = 1
		}
		if def < 1 || def > int64(len(t.Versions)) {
			return b.errAt(append(at, "default_version"), "default_version %d is not one of versions 1..%d", def, len(t.Versions))
		}
		lt := &launchTemplate{ID: id, Name: t.Name, DefaultVersion: def, Tags: tagsOf(t.Tags, "")}
		for j, v := range t.Versions {
			vat := append(append(path{}, at...), "versions", j)
			_, ids, err := b.placed(v.Placement, false, vat)
			if err != nil {
				return err
			}
			d := launchTemplateData{GroupIDs: ids, GroupNames: v.GroupNames}
			for k, ni := range v.Interfaces {
				_, nids, err := b.placed(ni, false, append(append(path{}, vat...), "interfaces", k))
				if err != nil {
					return err
				}
				d.Interfaces = append(d.Interfaces, nids)
			}
			lt.Versions = append(lt.Versions, d)
		}
		b.st.app.templates[id] = lt
	}
	return nil
}

func (b *builder) addVPCEndpoints() error {
	for i, e := range b.res.VPCEndpoints {
		at := path{"vpc_endpoints", i}
		typ := e.Type
		if typ == "" {
			typ = "Interface"
		}
		if typ != "Interface" && typ != "Gateway" && typ != "GatewayLoadBalancer" {
			return b.errAt(append(at, "type"), "type %q is not Interface, Gateway or GatewayLoadBalancer", e.Type)
		}
		if typ != "Interface" && len(e.Groups) > 0 {
			return b.errAt(append(at, "groups"), "only interface endpoints take security groups")
		}
		id, err := b.pinOrNext(e.ID, "vpce", append(at, "id"))
		if err != nil {
			return err
		}
		vpcID, ids, err := b.placed(e.Placement, typ == "Interface", at)
		if err != nil {
			return err
		}
		svcName := e.Service
		if svcName == "" {
			svcName = "com.amazonaws." + b.st.region + ".s3"
		}
		ep := &vpcEndpoint{ID: id, Type: typ, Service: svcName, VpcID: vpcID, Groups: ids, Tags: tagsOf(e.Tags, "")}
		if typ == "Interface" {
			sn, err := b.subnetOf(vpcID, "", at)
			if err != nil {
				return err
			}
			ep.Subnets = []string{sn.ID}
		}
		b.st.app.endpoints[id] = ep
	}
	return nil
}

// addEC2Endpoints builds Instance Connect and Client VPN endpoints: both
// are a VPC, a subnet and groups that default to the VPC's default group.
func (b *builder) addEC2Endpoints() error {
	for _, list := range []struct {
		key, prefix string
		specs       []EndpointSpec
		out         map[string]*ec2Endpoint
	}{{"instance_connect_endpoints", "eice", b.res.InstanceConnectEndpoints, b.st.app.eices},
		{"client_vpn_endpoints", "cvpn-endpoint", b.res.ClientVPNEndpoints, b.st.app.clientVPNs}} {
		for i, e := range list.specs {
			at := path{list.key, i}
			id, err := b.pinOrNext(e.ID, list.prefix, append(at, "id"))
			if err != nil {
				return err
			}
			vpcID, ids, err := b.placed(e.Placement, true, at)
			if err != nil {
				return err
			}
			sn, err := b.subnetOf(vpcID, "", at)
			if err != nil {
				return err
			}
			ep := &ec2Endpoint{ID: id, Description: e.Description, VpcID: vpcID, SubnetID: sn.ID, AZ: sn.AvailabilityZone,
				Groups: ids, Tags: tagsOf(e.Tags, "")}
			if list.prefix == "eice" {
				ep.ARN = fmt.Sprintf("arn:aws:ec2:%s:%s:instance-connect-endpoint/%s", b.st.region, b.st.account, id)
			}
			list.out[id] = ep
		}
	}
	return nil
}
