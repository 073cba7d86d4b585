package sim

import "strings"

// addJobs builds the scheduled and batch workloads (jobs_state.go), after
// addApps, so groups and subnets resolve as for the other services.
func (b *builder) addJobs() error {
	b.st.jobs = &jobResources{}
	for _, step := range []func() error{b.addSchedules, b.addPipes, b.addBatch, b.addNotebooks, b.addModels, b.addDomains, b.addEMR} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// jobTargetOf resolves the target of a schedule or pipe.
func (b *builder) jobTargetOf(target, cluster string, p Placement, at path) (string, *awsvpc, error) {
	switch target {
	case "lambda":
		return b.arn("lambda", "function:handler"), nil, nil
	case "", "ecs":
	default:
		return "", nil, b.errAt(append(append(path{}, at...), "target"), "target %q is not ecs or lambda", target)
	}
	if p.Groups == nil {
		p.Groups = []string{} // no groups: the subnets' default group at run time
	}
	_, net, err := b.optionalNet(p, at)
	if err != nil {
		return "", nil, err
	}
	if cluster == "" {
		cluster = "default"
	}
	return b.arn("ecs", "cluster/"+cluster), net, nil
}

func (b *builder) addSchedules() error {
	seen := map[string]bool{}
	for i, s := range b.res.Schedules {
		at := path{"schedules", i}
		group := s.Group
		if group == "" {
			group = "default"
		}
		if s.Name == "" {
			return b.errAt(append(at, "name"), "name is required")
		}
		if err := b.unique(seen, group+"/"+s.Name, at); err != nil {
			return err
		}
		arn, net, err := b.jobTargetOf(s.Target, s.Cluster, s.Placement, at)
		if err != nil {
			return err
		}
		b.st.jobs.schedules = append(b.st.jobs.schedules, jobTarget{Name: s.Name, Group: group,
			ARN: b.arn("scheduler", "schedule/"+group+"/"+s.Name), TargetARN: arn, Net: net})
	}
	return nil
}

func (b *builder) addPipes() error {
	seen := map[string]bool{}
	for i, p := range b.res.Pipes {
		at := path{"pipes", i}
		if err := b.unique(seen, p.Name, at); err != nil {
			return err
		}
		arn, net, err := b.jobTargetOf(p.Target, p.Cluster, p.Placement, at)
		if err != nil {
			return err
		}
		b.st.jobs.pipes = append(b.st.jobs.pipes, jobTarget{Name: p.Name,
			ARN: b.arn("pipes", "pipe/"+p.Name), TargetARN: arn, Net: net})
	}
	return nil
}

func (b *builder) addBatch() error {
	seen := map[string]bool{}
	for i, e := range b.res.BatchComputeEnvironments {
		at := path{"batch_compute_environments", i}
		if err := b.unique(seen, e.Name, at); err != nil {
			return err
		}
		_, net, err := b.optionalNet(e.Placement, at)
		if err != nil {
			return err
		}
		env := batchEnv{Name: e.Name, ARN: b.arn("batch", "compute-environment/"+e.Name), LaunchTemplate: e.LaunchTemplate}
		if net != nil {
			env.Subnets, env.Groups = net.Subnets, net.Groups
		}
		b.st.jobs.batchEnvs = append(b.st.jobs.batchEnvs, env)
	}
	return nil
}

func (b *builder) addNotebooks() error {
	seen := map[string]bool{}
	for i, n := range b.res.SageMakerNotebookInstances {
		at := path{"sagemaker_notebook_instances", i}
		if err := b.unique(seen, n.Name, at); err != nil {
			return err
		}
		_, net, err := b.optionalNet(n.Placement, at)
		if err != nil {
			return err
		}
		nb := batchEnv{Name: n.Name, ARN: b.arn("sagemaker", "notebook-instance/"+n.Name)}
		if net != nil {
			nb.Subnets, nb.Groups = net.Subnets, net.Groups
		}
		b.st.jobs.notebooks = append(b.st.jobs.notebooks, nb)
	}
	return nil
}

func (b *builder) addEMR() error {
	seen := map[string]bool{}
	for i, e := range b.res.EMRClusters {
		at := path{"emr_clusters", i}
		if err := b.unique(seen, e.Name, at); err != nil {
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
		if len(ids) == 0 {
			return b.errAt(append(at, "groups"), "needs a group")
		}
		cl := emrCluster{ID: "j-" + strings.ToUpper(b.st.ids.hexN("emr", 13)), Name: e.Name, Subnet: sn.ID,
			Master: ids[0], Slave: ids[len(ids)-1]}
		cl.ARN = b.arn("elasticmapreduce", "cluster/"+cl.ID)
		extra := Placement{VPC: e.VPC, Groups: e.AdditionalMaster}
		if e.ServiceAccess != "" {
			extra.Groups = append([]string{e.ServiceAccess}, e.AdditionalMaster...)
		}
		if len(extra.Groups) > 0 {
			_, more, err := b.placed(extra, false, append(at, "additional_master"))
			if err != nil {
				return err
			}
			if e.ServiceAccess != "" {
				cl.ServiceAccess, more = more[0], more[1:]
			}
			cl.Additional = more
		}
		b.st.jobs.emr = append(b.st.jobs.emr, cl)
	}
	return nil
}

func (b *builder) addModels() error {
	seen := map[string]bool{}
	for i, m := range b.res.SageMakerModels {
		at := path{"sagemaker_models", i}
		if err := b.unique(seen, m.Name, at); err != nil {
			return err
		}
		_, net, err := b.optionalNet(m.Placement, at)
		if err != nil {
			return err
		}
		md := batchEnv{Name: m.Name, ARN: b.arn("sagemaker", "model/"+m.Name)}
		if net != nil {
			md.Subnets, md.Groups = net.Subnets, net.Groups
		}
		b.st.jobs.models = append(b.st.jobs.models, md)
	}
	return nil
}

func (b *builder) addDomains() error {
	seen := map[string]bool{}
	for i, d := range b.res.SageMakerDomains {
		at := path{"sagemaker_domains", i}
		if err := b.unique(seen, d.Name, at); err != nil {
			return err
		}
		dom := sageMakerDomain{ID: "d-" + b.st.ids.hexN("sagemaker-domain", 12), Name: d.Name}
		dom.ARN = b.arn("sagemaker", "domain/"+dom.ID)
		for _, list := range []struct {
			key    string
			groups []string
			out    *[]string
		}{{"groups", d.Groups, &dom.User}, {"space_groups", d.SpaceGroups, &dom.Space}, {"domain_groups", d.DomainGroups, &dom.Domain}} {
			if list.groups == nil {
				list.groups = []string{}
			}
			vpcID, ids, err := b.placed(Placement{VPC: d.VPC, Groups: list.groups}, false, append(append(path{}, at...), list.key))
			if err != nil {
				return err
			}
			dom.VpcID, *list.out = vpcID, ids
		}
		sn, err := b.subnetOf(dom.VpcID, "", at)
		if err != nil {
			return err
		}
		dom.Subnets = []string{sn.ID}
		b.st.jobs.domains = append(b.st.jobs.domains, dom)
	}
	return nil
}
