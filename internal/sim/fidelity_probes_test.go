package sim

import (
	"encoding/json"
	"net/http"
	"net/url"
)

// fidelityProbes are the requests of TestFidelityAgainstBotocore, in the
// order they run (EC2's create/modify/delete ones depend on it). Each is a
// function so that ids the simulator generated (broker ids, a VPC created
// by an earlier probe) are read when the probe runs, under the region lock.
func fidelityProbes(s *Server) []func() probe {
	st := s.state(acct, "us-east-1")
	read := func(fn func() probe) func() probe {
		return func() probe {
			st.mu.Lock()
			defer st.mu.Unlock()
			return fn()
		}
	}
	fixed := func(p probe) func() probe { return func() probe { return p } }
	form := func(kv ...string) url.Values {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	js := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	web := func() string { return st.groupByName(st.defaultVPCID(), "web").ID }
	probeVPC := func() *Vpc {
		for _, v := range st.vpcs {
			if v.CidrBlock == "10.50.0.0/16" {
				return v
			}
		}
		return &Vpc{ID: "vpc-0000000000000000f"}
	}
	probeSubnet := func() string {
		for _, sn := range st.subnets {
			if sn.CidrBlock == "10.50.1.0/24" {
				return sn.ID
			}
		}
		return "subnet-0000000000000000f"
	}
	probeGroup := func() string {
		if g := st.groupByName(probeVPC().ID, "probe"); g != nil {
			return g.ID
		}
		return "sg-0000000000000000f"
	}
	probeENI := func() string {
		for _, n := range st.enis {
			if n.SubnetID == probeSubnet() {
				return n.ID
			}
		}
		return "eni-0000000000000000f"
	}
	perm := []string{"IpPermissions.1.IpProtocol", "tcp", "IpPermissions.1.FromPort", "443", "IpPermissions.1.ToPort", "443",
		"IpPermissions.1.IpRanges.1.CidrIp", "10.0.0.0/8"}
	withGroup := func(kv ...string) func() url.Values {
		return func() url.Values { return form(append([]string{"GroupId", probeGroup()}, kv...)...) }
	}
	ec2 := func(op string, kv func() url.Values) func() probe {
		return read(func() probe { return probe{service: "ec2", op: op, form: kv()} })
	}
	none := func() url.Values { return nil }

	return []func() probe{
		fixed(probe{service: "sts", op: "GetCallerIdentity"}),
		fixed(probe{service: "sts", op: "AssumeRole", form: form("RoleArn", "arn:aws:iam::222222222222:role/audit", "RoleSessionName", "probe")}),

		fixed(probe{service: "autoscaling", op: "DescribeAutoScalingGroups"}),
		fixed(probe{service: "autoscaling", op: "DescribeLaunchConfigurations"}),
		fixed(probe{service: "autoscaling", op: "StartInstanceRefresh", form: form("AutoScalingGroupName", "asg-lt")}),
		fixed(probe{service: "autoscaling", op: "StartInstanceRefresh", form: form("AutoScalingGroupName", "asg-lt"), wantErr: true}),
		fixed(probe{service: "autoscaling", op: "StartInstanceRefresh", form: form("AutoScalingGroupName", "nope"), wantErr: true}),

		fixed(probe{service: "elasticloadbalancing", api: "elbv2", op: "DescribeLoadBalancers"}),
		read(func() probe {
			return probe{service: "elasticloadbalancing", api: "elbv2", op: "DescribeTags", form: form("ResourceArns.member.1", st.loadBalancers[0].ARN)}
		}),
		read(func() probe {
			return probe{service: "elasticloadbalancing", api: "elbv2", op: "SetSecurityGroups",
				form: form("LoadBalancerArn", st.loadBalancers[0].ARN, "SecurityGroups.member.1", web())}
		}),
		fixed(probe{service: "elasticloadbalancing", api: "elbv2", op: "DescribeLoadBalancers", wantErr: true,
			form: form("Names.member.1", "nope")}),
		fixed(probe{service: "elasticloadbalancing", api: "elb", op: "DescribeLoadBalancers"}),
		fixed(probe{service: "elasticloadbalancing", api: "elb", op: "DescribeTags", form: form("LoadBalancerNames.member.1", "clb")}),
		read(func() probe {
			return probe{service: "elasticloadbalancing", api: "elb", op: "ApplySecurityGroupsToLoadBalancer",
				form: form("LoadBalancerName", "clb", "SecurityGroups.member.1", web())}
		}),

		fixed(probe{service: "rds", op: "DescribeDBInstances"}),
		fixed(probe{service: "rds", op: "DescribeDBClusters"}),
		fixed(probe{service: "rds", op: "DescribeDBProxies"}),
		fixed(probe{service: "rds", op: "DescribeDBInstances", form: form("DBInstanceIdentifier", "nope"), wantErr: true}),
		read(func() probe {
			return probe{service: "rds", op: "ModifyDBInstance", form: form("DBInstanceIdentifier", "pg", "VpcSecurityGroupIds.VpcSecurityGroupId.1", web())}
		}),
		read(func() probe {
			return probe{service: "rds", op: "ModifyDBCluster", form: form("DBClusterIdentifier", "aurora", "VpcSecurityGroupIds.VpcSecurityGroupId.1", web())}
		}),
		read(func() probe {
			return probe{service: "rds", op: "ModifyDBProxy", form: form("DBProxyName", "proxy", "SecurityGroups.member.1", web())}
		}),

		fixed(probe{service: "elasticache", op: "DescribeCacheClusters"}),
		fixed(probe{service: "elasticache", op: "DescribeCacheClusters", form: form("CacheClusterId", "nope"), wantErr: true}),
		fixed(probe{service: "elasticache", op: "ListTagsForResource", form: form("ResourceName", "arn:aws:elasticache:us-east-1:111111111111:cluster:cache")}),
		fixed(probe{service: "elasticache", op: "ListTagsForResource", form: form("ResourceName", "arn:aws:elasticache:us-east-1:111111111111:cluster:nope"), wantErr: true}),
		fixed(probe{service: "elasticache", op: "ListTagsForResource", form: form("ResourceName", "cache"), wantErr: true}),
		read(func() probe {
			return probe{service: "elasticache", op: "ListTagsForResource", form: form("ResourceName", st.cacheClusters[0].ARN)}
		}),
		fixed(probe{service: "elasticache", op: "ListTagsForResource", form: form("ResourceName", "arn:aws:elasticache:us-east-1:111111111111:cluster:nope"), wantErr: true}),
		read(func() probe {
			return probe{service: "elasticache", op: "ModifyCacheCluster", form: form("CacheClusterId", "cache", "SecurityGroupIds.SecurityGroupId.1", web())}
		}),

		fixed(probe{service: "redshift", op: "DescribeClusters"}),
		fixed(probe{service: "redshift", op: "DescribeClusters", form: form("ClusterIdentifier", "nope"), wantErr: true}),
		read(func() probe {
			return probe{service: "redshift", op: "ModifyCluster", form: form("ClusterIdentifier", "warehouse", "VpcSecurityGroupIds.VpcSecurityGroupId.1", web())}
		}),

		fixed(probe{service: "elasticfilesystem", op: "DescribeFileSystems"}),
		fixed(probe{service: "elasticfilesystem", op: "DescribeFileSystems", query: url.Values{"FileSystemId": {"fs-0000000000000000f"}}, wantErr: true}),
		read(func() probe {
			return probe{service: "elasticfilesystem", op: "DescribeMountTargets", query: url.Values{"FileSystemId": {st.fileSystems[0].ID}}}
		}),
		read(func() probe {
			return probe{service: "elasticfilesystem", op: "DescribeMountTargetSecurityGroups", path: map[string]string{"MountTargetId": st.fileSystems[0].MountTargets[0].ID}}
		}),
		read(func() probe {
			return probe{service: "elasticfilesystem", op: "ModifyMountTargetSecurityGroups", path: map[string]string{"MountTargetId": st.fileSystems[0].MountTargets[0].ID},
				body: js(map[string]any{"SecurityGroups": []string{web()}})}
		}),
		fixed(probe{service: "elasticfilesystem", op: "DescribeMountTargetSecurityGroups", path: map[string]string{"MountTargetId": "fsmt-0000000000000000f"}, wantErr: true}),

		fixed(probe{service: "eks", op: "ListClusters"}),
		fixed(probe{service: "eks", op: "DescribeCluster", path: map[string]string{"name": "kube"}}),
		fixed(probe{service: "eks", op: "DescribeCluster", path: map[string]string{"name": "nope"}, wantErr: true}),
		read(func() probe {
			return probe{service: "eks", op: "UpdateClusterConfig", path: map[string]string{"name": "kube"},
				body: js(map[string]any{"resourcesVpcConfig": map[string]any{"securityGroupIds": []string{web()}}})}
		}),
		fixed(probe{service: "eks", op: "DescribeCluster", path: map[string]string{"name": "kube"}}),
		fixed(probe{service: "eks", op: "UpdateClusterConfig", path: map[string]string{"name": "nope"},
			body: js(map[string]any{"resourcesVpcConfig": map[string]any{"securityGroupIds": []string{"sg-0000000000000000f"}}}), wantErr: true}),

		fixed(probe{service: "lambda", op: "ListFunctions", query: url.Values{"FunctionVersion": {"ALL"}}}),
		fixed(probe{service: "lambda", op: "GetFunctionConfiguration", path: map[string]string{"FunctionName": "fn"}}),
		fixed(probe{service: "lambda", op: "GetFunctionConfiguration", path: map[string]string{"FunctionName": "nope"}, wantErr: true}),
		fixed(probe{service: "lambda", op: "ListTags", path: map[string]string{"Resource": "arn:aws:lambda:us-east-1:111111111111:function:fn"}}),
		fixed(probe{service: "lambda", op: "ListTags", path: map[string]string{"Resource": "arn:aws:lambda:us-east-1:111111111111:function:nope"}, wantErr: true}),
		fixed(probe{service: "lambda", op: "ListTags", path: map[string]string{"Resource": "arn:aws:lambda:us-east-1:111111111111:function:fn:1"}, wantErr: true}),
		read(func() probe {
			return probe{service: "lambda", op: "UpdateFunctionConfiguration", path: map[string]string{"FunctionName": "fn"},
				body: js(map[string]any{"VpcConfig": map[string]any{"SubnetIds": st.functions[0].Subnets, "SecurityGroupIds": []string{web()}}})}
		}),

		fixed(probe{service: "codebuild", op: "ListProjects"}),
		fixed(probe{service: "codebuild", op: "ListFleets"}),
		fixed(probe{service: "codebuild", op: "BatchGetProjects", body: js(map[string]any{"names": []string{"build", "nope"}})}),
		fixed(probe{service: "codebuild", op: "BatchGetFleets", body: js(map[string]any{"names": []string{"fleet"}})}),
		read(func() probe {
			p := st.projects[0]
			return probe{service: "codebuild", op: "UpdateProject", body: js(map[string]any{"name": p.Name,
				"vpcConfig": map[string]any{"vpcId": p.VpcID, "subnets": p.Subnets, "securityGroupIds": []string{web()}}})}
		}),
		read(func() probe {
			p := st.fleets[0]
			return probe{service: "codebuild", op: "UpdateFleet", body: js(map[string]any{"arn": p.ARN,
				"vpcConfig": map[string]any{"vpcId": p.VpcID, "subnets": p.Subnets, "securityGroupIds": []string{web()}}})}
		}),

		fixed(probe{service: "ecs", op: "ListClusters"}),
		fixed(probe{service: "ecs", op: "ListServices", body: js(map[string]any{"cluster": "main"})}),
		fixed(probe{service: "ecs", op: "ListServices", body: js(map[string]any{"cluster": "nope"}), wantErr: true}),
		fixed(probe{service: "ecs", op: "DescribeServices", body: js(map[string]any{"cluster": "main", "services": []string{"svc", "bridge", "nope"}})}),
		fixed(probe{service: "ecs", op: "DescribeServices", body: js(map[string]any{"cluster": "main", "services": []string{"svc"}, "include": []string{"TAGS"}})}),
		read(func() probe {
			svc := st.ecsClusters[0].Services[0]
			return probe{service: "ecs", op: "UpdateService", body: js(map[string]any{"cluster": "main", "service": "svc",
				"networkConfiguration": map[string]any{"awsvpcConfiguration": map[string]any{"subnets": svc.Net.Subnets, "securityGroups": []string{web()}}}})}
		}),

		fixed(probe{service: "events", op: "ListEventBuses"}),
		fixed(probe{service: "events", op: "ListRules"}),
		fixed(probe{service: "events", op: "ListTargetsByRule", body: js(map[string]any{"Rule": "nightly"})}),
		fixed(probe{service: "events", op: "ListTargetsByRule", body: js(map[string]any{"Rule": "nope"}), wantErr: true}),
		read(func() probe {
			t := st.eventRules[0].Targets[0]
			return probe{service: "events", op: "PutTargets", body: js(map[string]any{"Rule": "nightly", "Targets": []any{map[string]any{
				"Id": t.ID, "Arn": t.ClusterARN, "RoleArn": "arn:aws:iam::" + acct + ":role/ecsEventsRole",
				"EcsParameters": map[string]any{"TaskDefinitionArn": "arn:aws:ecs:us-east-1:" + acct + ":task-definition/t1:1", "LaunchType": "FARGATE",
					"NetworkConfiguration": map[string]any{"awsvpcConfiguration": map[string]any{"Subnets": t.Net.Subnets, "SecurityGroups": []string{web()}}}}}}})}
		}),
		fixed(probe{service: "events", op: "PutTargets", body: js(map[string]any{"Rule": "nope", "Targets": []any{map[string]any{"Id": "x", "Arn": "arn:aws:sqs:us-east-1:" + acct + ":q"}}}), wantErr: true}),

		fixed(probe{service: "glue", op: "GetConnections"}),
		fixed(probe{service: "glue", op: "GetConnection", body: js(map[string]any{"Name": "jdbc"})}),
		fixed(probe{service: "glue", op: "GetConnection", body: js(map[string]any{"Name": "nope"}), wantErr: true}),
		read(func() probe {
			g := st.glueConnections[0]
			return probe{service: "glue", op: "UpdateConnection", body: js(map[string]any{"Name": g.Name, "ConnectionInput": map[string]any{
				"Name": g.Name, "ConnectionType": g.Type, "ConnectionProperties": g.Properties,
				"PhysicalConnectionRequirements": map[string]any{"SubnetId": g.SubnetID, "AvailabilityZone": g.AZ, "SecurityGroupIdList": []string{web()}}}})}
		}),

		ec2("DescribeRegions", none),
		ec2("DescribeVpcs", none),
		fixed(probe{service: "ec2", op: "DescribeVpcs", form: form("VpcId.1", "vpc-0000000000000000f"), wantErr: true}),
		ec2("DescribeSubnets", none),
		ec2("DescribeSecurityGroups", none),
		ec2("DescribeSecurityGroupRules", none),
		ec2("DescribeNetworkInterfaces", none),
		ec2("DescribeLaunchTemplates", none),
		ec2("DescribeLaunchTemplateVersions", func() url.Values { return form("LaunchTemplateName", "lt-web") }),
		ec2("DescribeVpcEndpoints", none),
		ec2("DescribeInstanceConnectEndpoints", none),
		ec2("ModifyInstanceConnectEndpoint", func() url.Values {
			for _, id := range sortedKeys(st.eices) {
				return form("InstanceConnectEndpointId", id, "SecurityGroupId.1", web())
			}
			return nil
		}),
		read(func() probe {
			for _, id := range sortedKeys(st.eices) {
				return probe{service: "ec2", op: "ModifyInstanceConnectEndpoint", form: form("InstanceConnectEndpointId", id, "SecurityGroupId.1", web()), wantErr: true}
			}
			return probe{}
		}),
		ec2("DescribeInstanceConnectEndpoints", none),
		fixed(probe{service: "ec2", op: "ModifyInstanceConnectEndpoint", form: form("InstanceConnectEndpointId", "eice-0000000000000000f", "SecurityGroupId.1", "sg-0000000000000000f"), wantErr: true}),
		ec2("DescribeClientVpnEndpoints", none),
		ec2("DescribeFleets", none),
		ec2("DescribeSpotFleetRequests", none),
		ec2("DescribeSpotInstanceRequests", none),
		ec2("DescribeSpotInstanceRequests", func() url.Values {
			return form("Filter.1.Name", "state", "Filter.1.Value.1", "open", "Filter.1.Value.2", "active", "MaxResults", "5")
		}),
		fixed(probe{service: "ec2", op: "DescribeSpotInstanceRequests", form: form("SpotInstanceRequestId.1", "sir-0000000f"), wantErr: true}),
		ec2("ApplySecurityGroupsToClientVpnTargetNetwork", func() url.Values {
			for _, id := range sortedKeys(st.clientVPNs) {
				return form("ClientVpnEndpointId", id, "VpcId", st.clientVPNs[id].VpcID, "SecurityGroupId.1", web())
			}
			return nil
		}),
		fixed(probe{service: "ec2", op: "ApplySecurityGroupsToClientVpnTargetNetwork", form: form("ClientVpnEndpointId", "cvpn-endpoint-0000000000000000f",
			"VpcId", "vpc-0000000000000000f", "SecurityGroupId.1", "sg-0000000000000000f"), wantErr: true}),
		ec2("DescribeVerifiedAccessEndpoints", none),
		ec2("DescribeVerifiedAccessEndpoints", func() url.Values { return form("MaxResults", "5") }),
		ec2("DescribeSecurityGroupReferences", func() url.Values {
			return form("GroupId.1", st.groupByName(st.defaultVPCID(), "default").ID)
		}),
		ec2("CreateVpc", func() url.Values { return form("CidrBlock", "10.50.0.0/16") }),
		ec2("CreateSubnet", func() url.Values { return form("VpcId", probeVPC().ID, "CidrBlock", "10.50.1.0/24") }),
		ec2("CreateSecurityGroup", func() url.Values {
			return form("VpcId", probeVPC().ID, "GroupName", "probe", "GroupDescription", "fidelity probe")
		}),
		ec2("AuthorizeSecurityGroupIngress", withGroup(perm...)),
		ec2("AuthorizeSecurityGroupEgress", withGroup(perm...)),
		ec2("UpdateSecurityGroupRuleDescriptionsIngress", withGroup(append(perm, "IpPermissions.1.IpRanges.1.Description", "probe")...)),
		ec2("UpdateSecurityGroupRuleDescriptionsEgress", withGroup(append(perm, "IpPermissions.1.IpRanges.1.Description", "probe")...)),
		ec2("RevokeSecurityGroupIngress", withGroup(perm...)),
		ec2("RevokeSecurityGroupEgress", withGroup(perm...)),
		ec2("CreateTags", func() url.Values { return form("ResourceId.1", probeGroup(), "Tag.1.Key", "k", "Tag.1.Value", "v") }),
		ec2("DeleteTags", func() url.Values { return form("ResourceId.1", probeGroup(), "Tag.1.Key", "k") }),
		ec2("CreateNetworkInterface", func() url.Values { return form("SubnetId", probeSubnet(), "SecurityGroupId.1", probeGroup()) }),
		ec2("ModifyNetworkInterfaceAttribute", func() url.Values {
			return form("NetworkInterfaceId", probeENI(), "SecurityGroupId.1", probeGroup())
		}),
		ec2("DeleteNetworkInterface", func() url.Values { return form("NetworkInterfaceId", probeENI()) }),
		ec2("DeleteSecurityGroup", func() url.Values { return form("GroupId", probeGroup()) }),
		ec2("DeleteSubnet", func() url.Values { return form("SubnetId", probeSubnet()) }),
		ec2("DeleteVpc", func() url.Values { return form("VpcId", probeVPC().ID) }),
		ec2("CreateLaunchTemplateVersion", func() url.Values {
			return form("LaunchTemplateName", "lt-web", "SourceVersion", "1", "LaunchTemplateData.SecurityGroupId.1", web())
		}),
		ec2("ModifyLaunchTemplate", func() url.Values { return form("LaunchTemplateName", "lt-web", "SetDefaultVersion", "3") }),
		ec2("ModifyVpcEndpoint", func() url.Values {
			for _, id := range sortedKeys(st.vpcEndpoints) {
				if st.vpcEndpoints[id].Type == "Interface" {
					return form("VpcEndpointId", id, "AddSecurityGroupId.1", web())
				}
			}
			return nil
		}),
		read(func() probe {
			return probe{service: "ec2", op: "DescribeNetworkInterfaces", form: form("NetworkInterfaceId.1", "eni-nothex"), wantErr: true}
		}),

		fixed(probe{service: "scheduler", op: "ListSchedules"}),
		fixed(probe{service: "scheduler", op: "GetSchedule", path: map[string]string{"Name": "sched"}}),
		fixed(probe{service: "scheduler", op: "GetSchedule", path: map[string]string{"Name": "nope"}, wantErr: true}),
		read(func() probe {
			n := st.schedules[0].Net
			return probe{service: "scheduler", op: "UpdateSchedule", path: map[string]string{"Name": "sched"}, body: js(map[string]any{
				"ScheduleExpression": "rate(1 day)", "FlexibleTimeWindow": map[string]any{"Mode": "OFF"},
				"Target": map[string]any{"Arn": st.schedules[0].TargetARN, "RoleArn": "arn:aws:iam::" + acct + ":role/scheduler",
					"EcsParameters": map[string]any{"TaskDefinitionArn": "arn:aws:ecs:us-east-1:" + acct + ":task-definition/sched:1",
						"NetworkConfiguration": map[string]any{"awsvpcConfiguration": map[string]any{"Subnets": n.Subnets, "SecurityGroups": []string{web()}}}}}})}
		}),
		fixed(probe{service: "scheduler", op: "UpdateSchedule", path: map[string]string{"Name": "nope"}, body: js(map[string]any{
			"ScheduleExpression": "rate(1 day)", "FlexibleTimeWindow": map[string]any{"Mode": "OFF"},
			"Target": map[string]any{"Arn": "arn:aws:sqs:us-east-1:" + acct + ":q", "RoleArn": "arn:aws:iam::" + acct + ":role/scheduler"}}), wantErr: true}),

		fixed(probe{service: "pipes", op: "ListPipes"}),
		fixed(probe{service: "pipes", op: "DescribePipe", path: map[string]string{"Name": "pipe"}}),
		fixed(probe{service: "pipes", op: "DescribePipe", path: map[string]string{"Name": "nope"}, wantErr: true}),
		read(func() probe {
			n := st.pipes[0].Net
			return probe{service: "pipes", op: "UpdatePipe", path: map[string]string{"Name": "pipe"}, body: js(map[string]any{
				"RoleArn": "arn:aws:iam::" + acct + ":role/pipes", "TargetParameters": map[string]any{"EcsTaskParameters": map[string]any{
					"TaskDefinitionArn":    "arn:aws:ecs:us-east-1:" + acct + ":task-definition/pipe:1",
					"NetworkConfiguration": map[string]any{"awsvpcConfiguration": map[string]any{"Subnets": n.Subnets, "SecurityGroups": []string{web()}}}}}})}
		}),
		fixed(probe{service: "pipes", op: "DescribePipe", path: map[string]string{"Name": "pipe"}}),
		fixed(probe{service: "pipes", op: "UpdatePipe", path: map[string]string{"Name": "nope"}, body: js(map[string]any{"RoleArn": "arn:aws:iam::" + acct + ":role/pipes"}), wantErr: true}),

		fixed(probe{service: "batch", op: "DescribeComputeEnvironments"}),
		fixed(probe{service: "batch", op: "UpdateComputeEnvironment", body: js(map[string]any{
			"computeEnvironment": "ce", "computeResources": map[string]any{"securityGroupIds": []string{"sg-0000000000000000f"}}}), wantErr: true}),

		fixed(probe{service: "sagemaker", op: "ListNotebookInstances"}),
		fixed(probe{service: "sagemaker", op: "DescribeNotebookInstance", body: js(map[string]any{"NotebookInstanceName": "nb"})}),
		fixed(probe{service: "sagemaker", op: "ListModels"}),
		fixed(probe{service: "sagemaker", op: "DescribeModel", body: js(map[string]any{"ModelName": "model"})}),
		fixed(probe{service: "sagemaker", op: "DescribeModel", body: js(map[string]any{"ModelName": "nope"}), wantErr: true}),
		fixed(probe{service: "sagemaker", op: "ListDomains"}),
		read(func() probe {
			return probe{service: "sagemaker", op: "DescribeDomain", body: js(map[string]any{"DomainId": st.sageMakerDomains[0].ID})}
		}),
		read(func() probe {
			return probe{service: "sagemaker", op: "UpdateDomain", body: js(map[string]any{"DomainId": st.sageMakerDomains[0].ID,
				"DefaultUserSettings": map[string]any{"SecurityGroups": []string{web()}}, "DomainSettingsForUpdate": map[string]any{"SecurityGroupIds": []string{web()}}})}
		}),
		read(func() probe {
			return probe{service: "sagemaker", op: "DescribeDomain", body: js(map[string]any{"DomainId": st.sageMakerDomains[0].ID})}
		}),
		fixed(probe{service: "sagemaker", op: "UpdateDomain", body: js(map[string]any{"DomainId": "d-nope"}), wantErr: true}),
		fixed(probe{service: "sagemaker", op: "ListUserProfiles"}),
		read(func() probe {
			return probe{service: "sagemaker", op: "DescribeUserProfile", body: js(map[string]any{"DomainId": st.sageMakerDomains[0].ID, "UserProfileName": "ana"})}
		}),
		fixed(probe{service: "sagemaker", op: "DescribeUserProfile", body: js(map[string]any{"DomainId": "d-nope", "UserProfileName": "ana"}), wantErr: true}),
		read(func() probe {
			return probe{service: "sagemaker", op: "UpdateUserProfile", body: js(map[string]any{"DomainId": st.sageMakerDomains[0].ID, "UserProfileName": "ana",
				"UserSettings": map[string]any{"SecurityGroups": []string{web()}}})}
		}),
		read(func() probe {
			return probe{service: "sagemaker", op: "DescribeUserProfile", body: js(map[string]any{"DomainId": st.sageMakerDomains[0].ID, "UserProfileName": "ana"})}
		}),
		fixed(probe{service: "sagemaker", op: "UpdateUserProfile", body: js(map[string]any{"DomainId": "d-nope", "UserProfileName": "ana",
			"UserSettings": map[string]any{"SecurityGroups": []string{}}}), wantErr: true}),
		fixed(probe{service: "sagemaker", op: "ListMonitoringSchedules"}),
		fixed(probe{service: "sagemaker", op: "DescribeMonitoringSchedule", body: js(map[string]any{"MonitoringScheduleName": "inline"})}),
		fixed(probe{service: "sagemaker", op: "DescribeMonitoringSchedule", body: js(map[string]any{"MonitoringScheduleName": "quality"})}),
		fixed(probe{service: "sagemaker", op: "DescribeMonitoringSchedule", body: js(map[string]any{"MonitoringScheduleName": "nope"}), wantErr: true}),
		fixed(probe{service: "sagemaker", op: "DescribeDataQualityJobDefinition", body: js(map[string]any{"JobDefinitionName": "data-definition"})}),
		fixed(probe{service: "sagemaker", op: "DescribeModelQualityJobDefinition", body: js(map[string]any{"JobDefinitionName": "quality-definition"})}),
		fixed(probe{service: "sagemaker", op: "DescribeModelBiasJobDefinition", body: js(map[string]any{"JobDefinitionName": "bias-definition"})}),
		fixed(probe{service: "sagemaker", op: "DescribeModelExplainabilityJobDefinition", body: js(map[string]any{"JobDefinitionName": "explain-definition"})}),
		fixed(probe{service: "sagemaker", op: "DescribeModelBiasJobDefinition", body: js(map[string]any{"JobDefinitionName": "quality-definition"}), wantErr: true}),
		fixed(probe{service: "sagemaker", op: "ListPipelines"}),
		fixed(probe{service: "sagemaker", op: "DescribePipeline", body: js(map[string]any{"PipelineName": "train"})}),
		fixed(probe{service: "sagemaker", op: "DescribePipeline", body: js(map[string]any{"PipelineName": "nope"}), wantErr: true}),

		fixed(probe{service: "elasticmapreduce", op: "ListClusters"}),
		read(func() probe {
			return probe{service: "elasticmapreduce", op: "DescribeCluster", body: js(map[string]any{"ClusterId": st.emrClusters[0].ID})}
		}),
		fixed(probe{service: "elasticmapreduce", op: "DescribeCluster", body: js(map[string]any{"ClusterId": "j-NOPE"}), wantErr: true}),

		fixed(probe{service: "es", op: "ListDomainNames"}),
		fixed(probe{service: "es", op: "DescribeDomains", body: js(map[string]any{"DomainNames": []string{"search"}})}),
		read(func() probe {
			return probe{service: "es", op: "UpdateDomainConfig", path: map[string]string{"DomainName": "search"},
				body: js(map[string]any{"VPCOptions": map[string]any{"SubnetIds": st.openSearchDomains[0].Subnets, "SecurityGroupIds": []string{web()}}})}
		}),
		fixed(probe{service: "es", op: "DescribeDomains", body: js(map[string]any{"DomainNames": []string{"search"}})}),
		fixed(probe{service: "es", op: "UpdateDomainConfig", path: map[string]string{"DomainName": "nope"},
			body: js(map[string]any{"VPCOptions": map[string]any{"SecurityGroupIds": []string{"sg-0000000000000000f"}}}), wantErr: true}),

		fixed(probe{service: "dms", op: "DescribeReplicationInstances"}),
		read(func() probe {
			return probe{service: "dms", op: "ModifyReplicationInstance", body: js(map[string]any{
				"ReplicationInstanceArn": st.dmsInstances[0].ARN, "VpcSecurityGroupIds": []string{web()}, "ApplyImmediately": true})}
		}),
		fixed(probe{service: "dms", op: "ModifyReplicationInstance", body: js(map[string]any{
			"ReplicationInstanceArn": "arn:aws:dms:us-east-1:" + acct + ":rep:NOPE", "VpcSecurityGroupIds": []string{"sg-0000000000000000f"}}), wantErr: true}),
		fixed(probe{service: "dms", op: "DescribeReplicationConfigs"}),
		fixed(probe{service: "dms", op: "DescribeReplicationSubnetGroups"}),
		fixed(probe{service: "dms", op: "DescribeReplicationSubnetGroups", body: js(map[string]any{
			"Filters": []map[string]any{{"Name": "replication-subnet-group-id", "Values": []string{"nope"}}}})}),
		read(func() probe {
			return probe{service: "dms", op: "DescribeReplicationConfigs", body: js(map[string]any{
				"Filters": []map[string]any{{"Name": "replication-config-arn", "Values": []string{st.dmsConfigs[0].ARN}}}})}
		}),
		fixed(probe{service: "dms", op: "DescribeReplications"}),
		read(func() probe {
			return probe{service: "dms", op: "ModifyReplicationConfig", body: js(map[string]any{
				"ReplicationConfigArn": st.dmsConfigs[0].ARN, "ComputeConfig": map[string]any{"MaxCapacityUnits": 16, "VpcSecurityGroupIds": []string{web()}}})}
		}),
		read(func() probe {
			return probe{service: "dms", op: "ModifyReplicationConfig", body: js(map[string]any{
				"ReplicationConfigArn": st.dmsConfigs[2].ARN, "ComputeConfig": map[string]any{"VpcSecurityGroupIds": []string{web()}}}), wantErr: true}
		}),
		fixed(probe{service: "dms", op: "ModifyReplicationConfig", body: js(map[string]any{
			"ReplicationConfigArn": "arn:aws:dms:us-east-1:" + acct + ":replication-config:NOPE"}), wantErr: true}),
		fixed(probe{service: "kafka", op: "ListClustersV2"}),

		// S3 (s3.go): the conditional write, once, then refused; reads.
		fixed(probe{service: "s3", op: "PutObject", path: map[string]string{"Bucket": "probe-backups", "Key": "runs/one.json"},
			header: http.Header{"If-None-Match": {"*"}}, body: `{"probe":1}`}),
		fixed(probe{service: "s3", op: "PutObject", path: map[string]string{"Bucket": "probe-backups", "Key": "runs/one.json"},
			header: http.Header{"If-None-Match": {"*"}}, body: `{"probe":2}`, wantErr: true}),
		fixed(probe{service: "s3", op: "PutObject", path: map[string]string{"Bucket": "no-such-bucket", "Key": "k"}, wantErr: true}),
		fixed(probe{service: "s3", op: "GetObject", path: map[string]string{"Bucket": "probe-backups", "Key": "runs/one.json"}}),
		fixed(probe{service: "s3", op: "GetObject", path: map[string]string{"Bucket": "probe-backups", "Key": "nope"}, wantErr: true}),
		fixed(probe{service: "s3", op: "HeadObject", path: map[string]string{"Bucket": "probe-backups", "Key": "runs/one.json"}}),
		fixed(probe{service: "s3", op: "HeadObject", path: map[string]string{"Bucket": "probe-backups", "Key": "nope"}, wantErr: true}),

		fixed(probe{service: "airflow", op: "ListEnvironments"}),
		fixed(probe{service: "airflow", op: "GetEnvironment", path: map[string]string{"Name": "airflow"}}),
		fixed(probe{service: "airflow", op: "GetEnvironment", path: map[string]string{"Name": "nope"}, wantErr: true}),
		read(func() probe {
			return probe{service: "airflow", op: "UpdateEnvironment", path: map[string]string{"Name": "airflow"},
				body: js(map[string]any{"NetworkConfiguration": map[string]any{"SecurityGroupIds": []string{web()}}})}
		}),
		fixed(probe{service: "airflow", op: "GetEnvironment", path: map[string]string{"Name": "airflow"}}),
		fixed(probe{service: "airflow", op: "UpdateEnvironment", path: map[string]string{"Name": "nope"},
			body: js(map[string]any{"NetworkConfiguration": map[string]any{"SecurityGroupIds": []string{"sg-0000000000000000f"}}}), wantErr: true}),

		fixed(probe{service: "apprunner", op: "ListVpcConnectors"}),

		fixed(probe{service: "elasticbeanstalk", op: "DescribeEnvironments"}),
		fixed(probe{service: "elasticbeanstalk", op: "DescribeConfigurationSettings", form: form("ApplicationName", "app", "EnvironmentName", "env")}),
		read(func() probe {
			return probe{service: "elasticbeanstalk", op: "ListTagsForResource", form: form("ResourceArn", st.beanstalkEnvs[0].ARN)}
		}),
		fixed(probe{service: "elasticbeanstalk", op: "ListTagsForResource", form: form("ResourceArn", "arn:aws:elasticbeanstalk:us-east-1:123456789012:environment/app/nope"), wantErr: true}),
		read(func() probe {
			return probe{service: "elasticbeanstalk", op: "UpdateEnvironment", form: form("EnvironmentName", "env",
				"OptionSettings.member.1.Namespace", "aws:autoscaling:launchconfiguration", "OptionSettings.member.1.OptionName", "SecurityGroups",
				"OptionSettings.member.1.Value", web())}
		}),
		fixed(probe{service: "elasticbeanstalk", op: "UpdateEnvironment", form: form("EnvironmentName", "env",
			"OptionSettings.member.1.Namespace", "aws:autoscaling:launchconfiguration", "OptionSettings.member.1.OptionName", "SecurityGroups",
			"OptionSettings.member.1.Value", "sg-0000000000000000f"), wantErr: true}),
		// Updating: read after the refused update (its pagination probes read more).
		fixed(probe{service: "elasticbeanstalk", op: "DescribeEnvironments", form: form("EnvironmentNames.member.1", "env")}),
		fixed(probe{service: "elasticbeanstalk", op: "UpdateEnvironment", form: form("EnvironmentName", "nope",
			"OptionSettings.member.1.Namespace", "aws:autoscaling:launchconfiguration", "OptionSettings.member.1.OptionName", "SecurityGroups",
			"OptionSettings.member.1.Value", "sg-0000000000000000f"), wantErr: true}),

		fixed(probe{service: "mq", op: "ListBrokers"}),
		read(func() probe {
			return probe{service: "mq", op: "DescribeBroker", path: map[string]string{"broker-id": st.mqBrokers[0].ID}}
		}),
		read(func() probe {
			return probe{service: "mq", op: "UpdateBroker", path: map[string]string{"broker-id": st.mqBrokers[0].ID},
				body: js(map[string]any{"securityGroups": []string{web()}})}
		}),
		read(func() probe {
			return probe{service: "mq", op: "DescribeBroker", path: map[string]string{"broker-id": st.mqBrokers[0].ID}}
		}),
		fixed(probe{service: "mq", op: "DescribeBroker", path: map[string]string{"broker-id": "b-nope"}, wantErr: true}),

		fixed(probe{service: "config", op: "GetComplianceDetailsByConfigRule", body: js(map[string]any{"ConfigRuleName": "vpc-default-security-group-closed"})}),
		fixed(probe{service: "config", op: "GetComplianceDetailsByConfigRule", body: js(map[string]any{"ConfigRuleName": "nope"}), wantErr: true}),
		fixed(probe{service: "config", op: "StartConfigRulesEvaluation", body: js(map[string]any{"ConfigRuleNames": []string{"vpc-default-security-group-closed"}})}),
		fixed(probe{service: "config", op: "SelectAggregateResourceConfig", body: js(map[string]any{"ConfigurationAggregatorName": "org", "Limit": 2,
			"Expression": "SELECT accountId, awsRegion, resourceId, configuration.groups.groupId, configuration.attachment.instanceOwnerId WHERE resourceType = 'AWS::EC2::NetworkInterface'"})}),
		fixed(probe{service: "config", op: "SelectAggregateResourceConfig", body: js(map[string]any{"ConfigurationAggregatorName": "org",
			"Expression": "SELECT resourceType, accountId, COUNT(*) GROUP BY resourceType, accountId"})}),
		fixed(probe{service: "config", op: "SelectAggregateResourceConfig", body: js(map[string]any{"ConfigurationAggregatorName": "org", "Expression": "SELECT * FROM x"}), wantErr: true}),
		fixed(probe{service: "config", op: "SelectAggregateResourceConfig", body: js(map[string]any{"ConfigurationAggregatorName": "nope", "Expression": "SELECT resourceId"}), wantErr: true}),
		fixed(probe{service: "config", op: "DescribeConfigurationAggregatorSourcesStatus", body: js(map[string]any{"ConfigurationAggregatorName": "org"})}),
		fixed(probe{service: "config", op: "DescribeConfigurationAggregatorSourcesStatus", body: js(map[string]any{"ConfigurationAggregatorName": "nope"}), wantErr: true}),
		fixed(probe{service: "config", op: "DescribeConfigurationRecorders"}),
		fixed(probe{service: "config", op: "DescribeConfigurationRecorderStatus"}),

		fixed(probe{service: "securityhub", op: "GetFindings"}),
		fixed(probe{service: "securityhub", op: "GetFindings", body: js(map[string]any{"MaxResults": 1, "Filters": map[string]any{
			"ComplianceSecurityControlId": []map[string]string{{"Comparison": "EQUALS", "Value": "EC2.2"}},
			"ResourceType":                []map[string]string{{"Comparison": "PREFIX", "Value": "AwsEc2"}},
			"WorkflowStatus":              []map[string]string{{"Comparison": "NOT_EQUALS", "Value": "SUPPRESSED"}}}})}),
		fixed(probe{service: "securityhub", op: "GetFindings", body: js(map[string]any{"Filters": map[string]any{
			"ComplianceStatus": []map[string]string{{"Comparison": "CONTAINS_WORD", "Value": "FAILED"}}}}), wantErr: true}),
		fixed(probe{service: "securityhub", op: "BatchImportFindings", body: js(map[string]any{"Findings": []map[string]any{{
			"SchemaVersion": "2018-10-08", "Id": "probe-1", "ProductArn": "arn:aws:securityhub:us-east-1:" + acct + ":product/" + acct + "/default",
			"GeneratorId": "probe", "AwsAccountId": acct, "CreatedAt": "2026-01-01T00:00:00.000Z", "UpdatedAt": "2026-01-01T00:00:00.000Z",
			"Title": "probe", "Description": "probe", "Resources": []map[string]any{{"Type": "Other", "Id": "probe"}}}, {"Id": "probe-2"}}})}),
		fixed(probe{service: "securityhub", op: "GetFindings", body: js(map[string]any{"Filters": map[string]any{
			"GeneratorId": []map[string]string{{"Comparison": "EQUALS", "Value": "probe"}}}})}),
		fixed(probe{service: "securityhub", op: "BatchImportFindings", body: js(map[string]any{"Findings": []map[string]any{}}), wantErr: true}),

		fixed(probe{service: "organizations", op: "DescribeOrganization"}),
		fixed(probe{service: "organizations", op: "ListRoots"}),
		fixed(probe{service: "organizations", op: "ListAccounts"}),
		fixed(probe{service: "organizations", op: "ListAccountsForParent", body: js(map[string]any{"ParentId": s.org.rootID})}),
		fixed(probe{service: "organizations", op: "ListOrganizationalUnitsForParent", body: js(map[string]any{"ParentId": s.org.rootID})}),
		fixed(probe{service: "organizations", op: "ListAccountsForParent", body: js(map[string]any{"ParentId": "r-nope"}), wantErr: true}),

		fixed(probe{service: "states", op: "ListStateMachines"}),
		fixed(probe{service: "states", op: "ListStateMachines", body: js(map[string]any{"maxResults": 1})}),
		fixed(probe{service: "states", op: "DescribeStateMachine", body: js(map[string]any{"stateMachineArn": "arn:aws:states:us-east-1:" + acct + ":stateMachine:nightly"})}),
		fixed(probe{service: "states", op: "DescribeStateMachine", body: js(map[string]any{"stateMachineArn": "arn:aws:states:us-east-1:" + acct + ":stateMachine:nope"}), wantErr: true}),
		fixed(probe{service: "states", op: "ListStateMachineVersions", body: js(map[string]any{"stateMachineArn": "arn:aws:states:us-east-1:" + acct + ":stateMachine:nightly"})}),
		fixed(probe{service: "states", op: "DescribeStateMachine", body: js(map[string]any{"stateMachineArn": "arn:aws:states:us-east-1:" + acct + ":stateMachine:nightly:1"})}),
		fixed(probe{service: "states", op: "ListStateMachineVersions", body: js(map[string]any{"stateMachineArn": "nope"}), wantErr: true}),
		read(func() probe {
			return probe{service: "states", op: "UpdateStateMachine", body: js(map[string]any{"stateMachineArn": st.stateMachines[0].ARN, "definition": st.stateMachines[0].Definition})}
		}),
		fixed(probe{service: "states", op: "UpdateStateMachine", body: js(map[string]any{"stateMachineArn": "arn:aws:states:us-east-1:" + acct + ":stateMachine:nightly", "definition": `{"States":{}}`}), wantErr: true}),

		fixed(probe{service: "imagebuilder", op: "ListInfrastructureConfigurations"}),
		fixed(probe{service: "imagebuilder", op: "GetInfrastructureConfiguration",
			query: url.Values{"infrastructureConfigurationArn": {"arn:aws:imagebuilder:us-east-1:" + acct + ":infrastructure-configuration/builds"}}}),
		fixed(probe{service: "imagebuilder", op: "GetInfrastructureConfiguration",
			query: url.Values{"infrastructureConfigurationArn": {"arn:aws:imagebuilder:us-east-1:" + acct + ":infrastructure-configuration/nope"}}, wantErr: true}),
		read(func() probe {
			ic := st.infraConfigs[0]
			return probe{service: "imagebuilder", op: "UpdateInfrastructureConfiguration", body: js(map[string]any{
				"infrastructureConfigurationArn": ic.ARN, "instanceProfileName": ic.Profile, "clientToken": "probe-1",
				"description": ic.Description, "instanceTypes": ic.InstanceTypes, "subnetId": ic.Subnet,
				"securityGroupIds": []string{web()}, "terminateInstanceOnFailure": true})}
		}),
		fixed(probe{service: "imagebuilder", op: "UpdateInfrastructureConfiguration", body: js(map[string]any{
			"infrastructureConfigurationArn": "arn:aws:imagebuilder:us-east-1:" + acct + ":infrastructure-configuration/nope",
			"instanceProfileName":            "ImageBuilder",
			"clientToken":                    "probe-2"}), wantErr: true}),

		fixed(probe{service: "emr-serverless", op: "ListApplications"}),
		fixed(probe{service: "emr-serverless", op: "ListApplications", query: url.Values{"states": {"CREATED", "STARTED"}, "maxResults": {"1"}}}),
		read(func() probe {
			return probe{service: "emr-serverless", op: "GetApplication", path: map[string]string{"applicationId": st.emrServerlessApps[0].ID}}
		}),
		fixed(probe{service: "emr-serverless", op: "GetApplication", path: map[string]string{"applicationId": "00nope"}, wantErr: true}),
		read(func() probe {
			a := st.emrServerlessApps[0]
			return probe{service: "emr-serverless", op: "UpdateApplication", path: map[string]string{"applicationId": a.ID},
				body: js(map[string]any{"clientToken": "probe-1", "networkConfiguration": map[string]any{"subnetIds": a.Net.Subnets, "securityGroupIds": []string{web()}}})}
		}),
		fixed(probe{service: "emr-serverless", op: "UpdateApplication", path: map[string]string{"applicationId": "00nope"},
			body: js(map[string]any{"clientToken": "probe-2"}), wantErr: true}),

		fixed(probe{service: "kinesisanalytics", op: "ListApplications"}),
		fixed(probe{service: "kinesisanalytics", op: "DescribeApplication", body: js(map[string]any{"ApplicationName": "stream"})}),
		fixed(probe{service: "kinesisanalytics", op: "DescribeApplication", body: js(map[string]any{"ApplicationName": "nope"}), wantErr: true}),
		read(func() probe {
			return probe{service: "kinesisanalytics", op: "UpdateApplication", body: js(map[string]any{"ApplicationName": "stream",
				"CurrentApplicationVersionId": st.flinkApps[0].version(), "ApplicationConfigurationUpdate": map[string]any{
					"VpcConfigurationUpdates": []map[string]any{{"VpcConfigurationId": "1.1", "SecurityGroupIdUpdates": []string{web()}}}}})}
		}),
		fixed(probe{service: "kinesisanalytics", op: "DescribeApplication", body: js(map[string]any{"ApplicationName": "stream"})}),
		fixed(probe{service: "kinesisanalytics", op: "UpdateApplication", body: js(map[string]any{"ApplicationName": "stream",
			"CurrentApplicationVersionId": 1}), wantErr: true}),

		fixed(probe{service: "kafkaconnect", op: "ListConnectors"}),
		fixed(probe{service: "kafkaconnect", op: "ListConnectors", query: url.Values{"maxResults": {"1"}, "connectorNamePrefix": {"sink"}}}),

		fixed(probe{service: "lambda", op: "ListEventSourceMappings"}),
		fixed(probe{service: "lambda", op: "ListEventSourceMappings", query: url.Values{"MaxItems": {"1"}}}),
		read(func() probe {
			return probe{service: "lambda", op: "GetEventSourceMapping", path: map[string]string{"UUID": st.eventSourceMappings[0].UUID}}
		}),
		read(func() probe {
			m := st.eventSourceMappings[0]
			return probe{service: "lambda", op: "UpdateEventSourceMapping", path: map[string]string{"UUID": m.UUID},
				body: js(map[string]any{"SourceAccessConfigurations": append(m.Access[:len(m.Access):len(m.Access)],
					accessConfig{"BASIC_AUTH", "arn:aws:secretsmanager:us-east-1:111111111111:secret:kafka"})})}
		}),
		read(func() probe {
			return probe{service: "lambda", op: "GetEventSourceMapping", path: map[string]string{"UUID": st.eventSourceMappings[0].UUID}}
		}),
		fixed(probe{service: "lambda", op: "GetEventSourceMapping", path: map[string]string{"UUID": "00000000-0000-0000-0000-000000000000"}, wantErr: true}),
		fixed(probe{service: "lambda", op: "UpdateEventSourceMapping", path: map[string]string{"UUID": "00000000-0000-0000-0000-000000000000"},
			body: js(map[string]any{"Enabled": true}), wantErr: true}),

		read(func() probe {
			return probe{service: "vpc-lattice", op: "ListServiceNetworkVpcAssociations", query: url.Values{"vpcIdentifier": {st.defaultVPCID()}}}
		}),
		fixed(probe{service: "vpc-lattice", op: "ListServiceNetworkVpcAssociations", wantErr: true}),
		read(func() probe {
			return probe{service: "vpc-lattice", op: "GetServiceNetworkVpcAssociation",
				path: map[string]string{"serviceNetworkVpcAssociationIdentifier": st.latticeAssociations[0].ID}}
		}),
		fixed(probe{service: "vpc-lattice", op: "GetServiceNetworkVpcAssociation",
			path: map[string]string{"serviceNetworkVpcAssociationIdentifier": "snva-0nope"}, wantErr: true}),
		read(func() probe {
			return probe{service: "vpc-lattice", op: "UpdateServiceNetworkVpcAssociation",
				path: map[string]string{"serviceNetworkVpcAssociationIdentifier": st.latticeAssociations[0].ID},
				body: js(map[string]any{"securityGroupIds": []string{web()}})}
		}),
		read(func() probe {
			return probe{service: "vpc-lattice", op: "GetServiceNetworkVpcAssociation",
				path: map[string]string{"serviceNetworkVpcAssociationIdentifier": st.latticeAssociations[0].ID}}
		}),
		fixed(probe{service: "vpc-lattice", op: "UpdateServiceNetworkVpcAssociation",
			path: map[string]string{"serviceNetworkVpcAssociationIdentifier": "snva-0nope"}, body: js(map[string]any{"securityGroupIds": []string{"sg-0000000000000000f"}}), wantErr: true}),

		fixed(probe{service: "datasync", op: "ListLocations"}),
		read(func() probe {
			return probe{service: "datasync", op: "DescribeLocationEfs", body: js(map[string]any{"LocationArn": st.dataSyncLocations[0].ARN})}
		}),
		read(func() probe {
			return probe{service: "datasync", op: "DescribeLocationFsxWindows", body: js(map[string]any{"LocationArn": st.dataSyncLocations[1].ARN})}
		}),
		read(func() probe {
			return probe{service: "datasync", op: "DescribeLocationFsxLustre", body: js(map[string]any{"LocationArn": st.dataSyncLocations[2].ARN})}
		}),
		read(func() probe {
			return probe{service: "datasync", op: "DescribeLocationFsxOpenZfs", body: js(map[string]any{"LocationArn": st.dataSyncLocations[3].ARN})}
		}),
		read(func() probe {
			return probe{service: "datasync", op: "DescribeLocationFsxOntap", body: js(map[string]any{"LocationArn": st.dataSyncLocations[4].ARN})}
		}),
		read(func() probe {
			return probe{service: "datasync", op: "DescribeLocationEfs", body: js(map[string]any{"LocationArn": st.dataSyncLocations[5].ARN}), wantErr: true}
		}),
		fixed(probe{service: "fsx", op: "DescribeFileSystems"}),
		fixed(probe{service: "fsx", op: "DescribeFileSystems", body: js(map[string]any{"MaxResults": 1})}),
		read(func() probe {
			return probe{service: "fsx", op: "DescribeFileSystems", body: js(map[string]any{"FileSystemIds": []string{st.fsxFileSystems[0].ID}})}
		}),
		fixed(probe{service: "fsx", op: "DescribeFileSystems", body: js(map[string]any{"FileSystemIds": []string{"fs-0000000000000000f"}}), wantErr: true}),

		fixed(probe{service: "route53resolver", op: "ListResolverEndpoints"}),
		fixed(probe{service: "route53resolver", op: "ListResolverEndpoints", body: js(map[string]any{"MaxResults": 1})}),
		read(func() probe {
			return probe{service: "route53resolver", op: "ListTagsForResource", body: js(map[string]any{"ResourceArn": st.resolverEndpoints[0].ARN})}
		}),
		fixed(probe{service: "route53resolver", op: "ListTagsForResource",
			body: js(map[string]any{"ResourceArn": "arn:aws:route53resolver:us-east-1:111111111111:resolver-endpoint/rslvr-in-0000000000000000f"}), wantErr: true}),

		fixed(probe{service: "apigateway", api: "apigatewayv2", op: "GetVpcLinks", served: "GET"}),
		fixed(probe{service: "apigateway", api: "apigatewayv2", op: "GetVpcLinks", served: "GET", query: url.Values{"maxResults": {"1"}}}),
		fixed(probe{service: "apigateway", api: "apigatewayv2", op: "GetVpcLinks", served: "GET", query: url.Values{"nextToken": {"bogus"}}, wantErr: true}),

		fixed(probe{service: "redshift", op: "DescribeEndpointAccess"}),
		fixed(probe{service: "redshift", op: "DescribeEndpointAccess", form: form("EndpointName", "nope"), wantErr: true}),
		fixed(probe{service: "redshift", op: "ModifyEndpointAccess", form: form("EndpointName", "reporting", "VpcSecurityGroupIds.VpcSecurityGroupId.1", "sg-0000000000000000f"), wantErr: true}),
		fixed(probe{service: "redshift", op: "ModifyEndpointAccess", form: form("EndpointName", "nope", "VpcSecurityGroupIds.VpcSecurityGroupId.1", "sg-0000000000000000f"), wantErr: true}),
		read(func() probe {
			return probe{service: "redshift", op: "ModifyEndpointAccess", form: form("EndpointName", "reporting", "VpcSecurityGroupIds.VpcSecurityGroupId.1", web())}
		}),
		fixed(probe{service: "redshift", op: "ModifyEndpointAccess", form: form("EndpointName", "reporting", "VpcSecurityGroupIds.VpcSecurityGroupId.1", "sg-0000000000000000f"), wantErr: true}),
		fixed(probe{service: "redshift", op: "DescribeEndpointAccess", form: form("EndpointName", "reporting")}),

		fixed(probe{service: "elasticache", op: "DescribeServerlessCaches"}),
		fixed(probe{service: "elasticache", op: "DescribeServerlessCaches", form: form("ServerlessCacheName", "nope"), wantErr: true}),
		read(func() probe {
			return probe{service: "elasticache", op: "ModifyServerlessCache", form: form("ServerlessCacheName", "sessions", "SecurityGroupIds.SecurityGroupId.1", web())}
		}),
		fixed(probe{service: "elasticache", op: "DescribeServerlessCaches", form: form("ServerlessCacheName", "sessions")}),
		fixed(probe{service: "elasticache", op: "ModifyServerlessCache", form: form("ServerlessCacheName", "nope", "SecurityGroupIds.SecurityGroupId.1", "sg-0000000000000000f"), wantErr: true}),
		read(func() probe {
			return probe{service: "elasticache", op: "ListTagsForResource", form: form("ResourceName", st.serverlessCaches[0].ARN)}
		}),
		read(func() probe {
			return probe{service: "elasticache", op: "ListTagsForResource", form: form("ResourceName", st.cacheClusters[0].ARN)}
		}),
		fixed(probe{service: "elasticache", op: "ListTagsForResource", form: form("ResourceName", "arn:aws:elasticache:us-east-1:111111111111:cluster:nope"), wantErr: true}),

		fixed(probe{service: "redshift-serverless", op: "ListWorkgroups"}),
		fixed(probe{service: "redshift-serverless", op: "ListEndpointAccess"}),
		read(func() probe {
			return probe{service: "redshift-serverless", op: "ListTagsForResource", body: js(map[string]any{"resourceArn": st.rssWorkgroups[0].ARN})}
		}),
		fixed(probe{service: "redshift-serverless", op: "ListTagsForResource", body: js(map[string]any{"resourceArn": "arn:aws:redshift-serverless:us-east-1:111111111111:workgroup/nope"}), wantErr: true}),
		fixed(probe{service: "redshift-serverless", op: "GetWorkgroup", body: js(map[string]any{"workgroupName": "analytics"})}),
		fixed(probe{service: "redshift-serverless", op: "GetWorkgroup", body: js(map[string]any{"workgroupName": "nope"}), wantErr: true}),
		read(func() probe {
			return probe{service: "redshift-serverless", op: "UpdateWorkgroup", body: js(map[string]any{"workgroupName": "analytics", "securityGroupIds": []string{web()}})}
		}),
		read(func() probe {
			return probe{service: "redshift-serverless", op: "UpdateWorkgroup", body: js(map[string]any{"workgroupName": "analytics", "securityGroupIds": []string{web()}}), wantErr: true}
		}),
		fixed(probe{service: "redshift-serverless", op: "GetEndpointAccess", body: js(map[string]any{"endpointName": "reports"})}),
		fixed(probe{service: "redshift-serverless", op: "GetEndpointAccess", body: js(map[string]any{"endpointName": "nope"}), wantErr: true}),
		read(func() probe {
			return probe{service: "redshift-serverless", op: "UpdateEndpointAccess", body: js(map[string]any{"endpointName": "reports", "vpcSecurityGroupIds": []string{st.groupByName(st.defaultVPCID(), "default").ID}})}
		}),
		fixed(probe{service: "redshift-serverless", op: "UpdateEndpointAccess", body: js(map[string]any{"endpointName": "reports", "vpcSecurityGroupIds": []string{"sg-0000000000000000f"}}), wantErr: true}),

		fixed(probe{service: "aoss", op: "ListVpcEndpoints"}),
		read(func() probe {
			return probe{service: "aoss", op: "BatchGetVpcEndpoint", body: js(map[string]any{"ids": []string{st.aossEndpoints[0].ARN, "vpce-0000000000000000f"}})}
		}),
		fixed(probe{service: "aoss", op: "BatchGetVpcEndpoint", body: js(map[string]any{"ids": []string{}}), wantErr: true}),

		fixed(probe{service: "vpc-lattice", op: "ListResourceGateways"}),
		read(func() probe {
			return probe{service: "vpc-lattice", op: "GetResourceGateway", path: map[string]string{"resourceGatewayIdentifier": st.resourceGateways[0].Type}}
		}),
		read(func() probe {
			return probe{service: "vpc-lattice", op: "UpdateResourceGateway", path: map[string]string{"resourceGatewayIdentifier": st.resourceGateways[0].Type},
				body: js(map[string]any{"securityGroupIds": []string{web()}})}
		}),
		fixed(probe{service: "vpc-lattice", op: "GetResourceGateway", path: map[string]string{"resourceGatewayIdentifier": "rgw-0nope"}, wantErr: true}),
		fixed(probe{service: "vpc-lattice", op: "UpdateResourceGateway", path: map[string]string{"resourceGatewayIdentifier": "rgw-0nope"},
			body: js(map[string]any{"securityGroupIds": []string{}}), wantErr: true}),

		fixed(probe{service: "appstream", op: "DescribeFleets"}),
		fixed(probe{service: "appstream", op: "DescribeFleets", body: js(map[string]any{"Names": []string{"nope"}}), wantErr: true}),
		fixed(probe{service: "appstream", op: "DescribeImageBuilders"}),

		fixed(probe{service: "memorydb", op: "DescribeClusters"}),
		fixed(probe{service: "memorydb", op: "DescribeClusters", body: js(map[string]any{"ClusterName": "nope"}), wantErr: true}),
		read(func() probe {
			return probe{service: "memorydb", op: "UpdateCluster", body: js(map[string]any{"ClusterName": "sessions", "SecurityGroupIds": []string{web()}})}
		}),
		fixed(probe{service: "memorydb", op: "DescribeClusters", body: js(map[string]any{"ClusterName": "sessions"})}),
		fixed(probe{service: "memorydb", op: "UpdateCluster", body: js(map[string]any{"ClusterName": "nope", "SecurityGroupIds": []string{"sg-0000000000000000f"}}), wantErr: true}),
		read(func() probe {
			return probe{service: "memorydb", op: "ListTags", body: js(map[string]any{"ResourceArn": st.memoryDBClusters[0].ARN})}
		}),
		fixed(probe{service: "memorydb", op: "ListTags", body: js(map[string]any{"ResourceArn": "arn:aws:memorydb:us-east-1:111111111111:cluster/nope"}), wantErr: true}),
	}
}

// defaultVPCID is the region's default VPC.
func (st *regionState) defaultVPCID() string {
	for _, v := range st.vpcs {
		if v.IsDefault {
			return v.ID
		}
	}
	return ""
}
