package sim

import "strings"

// addAnalytics builds the OpenSearch domains, DMS replication instances,
// MSK clusters, MWAA environments, App Runner VPC connectors and Elastic
// Beanstalk environments (analytics_state.go), after addJobs, so groups
// and subnets resolve as for the other services.
func (b *builder) addAnalytics() error {
	a := &analyticsResources{}
	b.st.analytics = a
	msk := make([]VPCResourceSpec, len(b.res.MSKClusters))
	for i, c := range b.res.MSKClusters {
		msk[i] = VPCResourceSpec{Name: c.Name, Placement: c.Placement, Tags: c.Tags}
	}
	for _, k := range []struct {
		field string
		specs []VPCResourceSpec
		out   *[]vpcResource
		arn   func(name string) string
	}{
		{"opensearch_domains", b.res.OpenSearchDomains, &a.domains,
			func(n string) string { return b.arn("es", "domain/"+n) }},
		{"dms_replication_instances", b.res.DMSReplicationInstances, &a.dmsInstances,
			func(string) string { return b.arn("dms", "rep:"+strings.ToUpper(b.st.ids.hexN("dms", 26))) }},
		{"msk_clusters", msk, &a.msk,
			func(n string) string { return b.arn("kafka", "cluster/"+n+"/"+b.uuid()+"-1") }},
		{"mwaa_environments", b.res.MWAAEnvironments, &a.mwaa,
			func(n string) string { return b.arn("airflow", "environment/"+n) }},
		{"apprunner_vpc_connectors", b.res.AppRunnerVPCConnectors, &a.connectors,
			func(n string) string {
				return b.arn("apprunner", "vpcconnector/"+n+"/1/"+b.st.ids.hexN("apprunner", 32))
			}},
	} {
		seen := map[string]bool{}
		for i, spec := range k.specs {
			at := path{k.field, i}
			if err := b.unique(seen, spec.Name, at); err != nil {
				return err
			}
			vpcID, ids, err := b.placed(spec.Placement, true, at)
			if err != nil {
				return err
			}
			sn, err := b.subnetOf(vpcID, "", at)
			if err != nil {
				return err
			}
			*k.out = append(*k.out, vpcResource{Name: spec.Name, ARN: k.arn(spec.Name), VpcID: vpcID,
				Subnets: []string{sn.ID}, Groups: ids, Tags: tagsOf(spec.Tags, "")})
		}
	}
	for i, c := range b.res.MSKClusters {
		switch c.Type {
		case "", "provisioned":
			a.msk[i].Type = "PROVISIONED"
		case "serverless":
			a.msk[i].Type = "SERVERLESS"
		default:
			return b.errAt(path{"msk_clusters", i, "type"}, "type %q is not provisioned or serverless", c.Type)
		}
	}
	return b.addBeanstalk()
}

func (b *builder) addBeanstalk() error {
	seen := map[string]bool{}
	for i, e := range b.res.BeanstalkEnvironments {
		at := path{"beanstalk_environments", i}
		if err := b.unique(seen, e.Name, at); err != nil {
			return err
		}
		vpcID, err := b.vpcOf(e.VPC, append(at, "vpc"))
		if err != nil {
			return err
		}
		app, lbType := e.Application, e.LBType
		if app == "" {
			app = "app"
		}
		switch lbType {
		case "":
			lbType = "application"
		case "application", "classic":
		default:
			return b.errAt(append(at, "lb_type"), "lb_type %q is not application or classic", lbType)
		}
		env := beanstalkEnv{Name: e.Name, ID: "e-" + b.st.ids.hexN("", 10), Application: app, VpcID: vpcID, LBType: lbType,
			InstanceGroups: b.groupRefs(vpcID, e.InstanceGroups), LBGroups: b.groupRefs(vpcID, e.LBGroups)}
		env.ARN = b.arn("elasticbeanstalk", "environment/"+app+"/"+e.Name)
		b.st.analytics.beanstalk = append(b.st.analytics.beanstalk, env)
	}
	return nil
}

// groupRefs resolves scenario group names in vpcID to ids and keeps other
// references (ids, "default" in a non-default VPC) verbatim, as Beanstalk
// option values hold whatever the user wrote.
func (b *builder) groupRefs(vpcID string, refs []string) []string {
	out := make([]string, 0, len(refs))
	for _, ref := range refs {
		if g := b.findGroup(vpcID, ref); g != nil && ref != "default" {
			ref = g.ID
		}
		out = append(out, ref)
	}
	return out
}
