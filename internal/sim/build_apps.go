package sim

import "fmt"

// addApps builds the JSON services' resources and the EC2 configurations
// (app_state.go). It runs after addServices, so groups, subnets and VPC
// names resolve exactly as for interfaces and the other services.
func (b *builder) addApps() error {
	b.st.app = &appResources{templates: map[string]*launchTemplate{}, endpoints: map[string]*vpcEndpoint{},
		eices: map[string]*ec2Endpoint{}, clientVPNs: map[string]*ec2Endpoint{}}
	for _, step := range []func() error{b.addLambda, b.addCodeBuild, b.addECS, b.addEventRules, b.addGlue,
		b.addLaunchTemplates, b.addVPCEndpoints, b.addEC2Endpoints, b.addPeeredReferences} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
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

func (b *builder) addLambda() error {
	seen := map[string]bool{}
	for i, f := range b.res.LambdaFunctions {
		at := path{"lambda_functions", i}
		if err := b.unique(seen, f.Name, at); err != nil {
			return err
		}
		arn := b.arn("lambda", "function:"+f.Name)
		vpcID, net, err := b.optionalNet(f.Placement, at)
		if err != nil {
			return err
		}
		latest := lambdaVersion{Name: f.Name, ARN: arn + ":$LATEST", Version: "$LATEST", VpcID: vpcID}
		if net != nil {
			latest.Subnets, latest.Groups = net.Subnets, net.Groups
		}
		b.st.app.functions = append(b.st.app.functions, latest)
		for j, vp := range f.Versions {
			v := latest
			v.Version = fmt.Sprint(j + 1)
			v.ARN = arn + ":" + v.Version
			if vp.Groups != nil {
				vpcID, net, err := b.optionalNet(vp, append(at, "versions", j))
				if err != nil {
					return err
				}
				v.VpcID, v.Subnets, v.Groups = vpcID, net.Subnets, net.Groups
			}
			b.st.app.functions = append(b.st.app.functions, v)
		}
	}
	return nil
}

func (b *builder) addCodeBuild() error {
	for _, list := range []struct {
		key   string
		specs []CodeBuildProjectSpec
		out   *[]codeBuildProject
		arn   string
	}{{"codebuild_projects", b.res.CodeBuildProjects, &b.st.app.projects, "project/"},
		{"codebuild_fleets", b.res.CodeBuildFleets, &b.st.app.fleets, "fleet/"}} {
		seen := map[string]bool{}
		for i, p := range list.specs {
			at := path{list.key, i}
			if err := b.unique(seen, p.Name, at); err != nil {
				return err
			}
			vpcID, net, err := b.optionalNet(p.Placement, at)
			if err != nil {
				return err
			}
			cp := codeBuildProject{Name: p.Name, ARN: b.arn("codebuild", list.arn+p.Name), VpcID: vpcID}
			if net != nil {
				cp.Subnets, cp.Groups = net.Subnets, net.Groups
			}
			*list.out = append(*list.out, cp)
		}
	}
	return nil
}

func (b *builder) addECS() error {
	seen := map[string]bool{}
	for i, c := range b.res.ECSClusters {
		at := path{"ecs_clusters", i}
		if err := b.unique(seen, c.Name, at); err != nil {
			return err
		}
		cl := ecsCluster{Name: c.Name, ARN: b.arn("ecs", "cluster/"+c.Name)}
		names := map[string]bool{}
		for j, s := range c.Services {
			sat := append(append(path{}, at...), "services", j)
			if err := b.unique(names, s.Name, sat); err != nil {
				return err
			}
			svc := ecsService{Name: s.Name, ARN: b.arn("ecs", "service/"+c.Name+"/"+s.Name)}
			_, net, err := b.optionalNet(s.Placement, sat)
			if err != nil {
				return err
			}
			svc.Net = net
			svc.Deployments = []*awsvpc{net}
			for _, extra := range []struct {
				key   string
				specs []Placement
				out   *[]*awsvpc
			}{{"deployments", s.Deployments, &svc.Deployments}, {"task_sets", s.TaskSets, &svc.TaskSets}} {
				for k, p := range extra.specs {
					_, n, err := b.optionalNet(p, append(append(path{}, sat...), extra.key, k))
					if err != nil {
						return err
					}
					*extra.out = append(*extra.out, n)
				}
			}
			cl.Services = append(cl.Services, svc)
		}
		b.st.app.clusters = append(b.st.app.clusters, cl)
	}
	return nil
}
