package sim

import (
	"encoding/json"
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

		fixed(probe{service: "lambda", op: "ListFunctions", query: url.Values{"FunctionVersion": {"ALL"}}}),
		fixed(probe{service: "lambda", op: "GetFunctionConfiguration", path: map[string]string{"FunctionName": "fn"}}),
		fixed(probe{service: "lambda", op: "GetFunctionConfiguration", path: map[string]string{"FunctionName": "nope"}, wantErr: true}),
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
		read(func() probe {
			svc := st.ecsClusters[0].Services[0]
			return probe{service: "ecs", op: "UpdateService", body: js(map[string]any{"cluster": "main", "service": "svc",
				"networkConfiguration": map[string]any{"awsvpcConfiguration": map[string]any{"subnets": svc.Net.Subnets, "securityGroups": []string{web()}}}})}
		}),

		fixed(probe{service: "events", op: "ListEventBuses"}),
		fixed(probe{service: "events", op: "ListRules"}),
		fixed(probe{service: "events", op: "ListTargetsByRule", body: js(map[string]any{"Rule": "nightly"})}),
		fixed(probe{service: "events", op: "ListTargetsByRule", body: js(map[string]any{"Rule": "nope"}), wantErr: true}),

		fixed(probe{service: "glue", op: "GetConnections"}),

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
		ec2("DescribeClientVpnEndpoints", none),
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

		fixed(probe{service: "pipes", op: "ListPipes"}),
		fixed(probe{service: "pipes", op: "DescribePipe", path: map[string]string{"Name": "pipe"}}),
		fixed(probe{service: "pipes", op: "DescribePipe", path: map[string]string{"Name": "nope"}, wantErr: true}),

		fixed(probe{service: "batch", op: "DescribeComputeEnvironments"}),

		fixed(probe{service: "sagemaker", op: "ListNotebookInstances"}),
		fixed(probe{service: "sagemaker", op: "DescribeNotebookInstance", body: js(map[string]any{"NotebookInstanceName": "nb"})}),
		fixed(probe{service: "sagemaker", op: "ListModels"}),
		fixed(probe{service: "sagemaker", op: "DescribeModel", body: js(map[string]any{"ModelName": "model"})}),
		fixed(probe{service: "sagemaker", op: "DescribeModel", body: js(map[string]any{"ModelName": "nope"}), wantErr: true}),
		fixed(probe{service: "sagemaker", op: "ListDomains"}),
		read(func() probe {
			return probe{service: "sagemaker", op: "DescribeDomain", body: js(map[string]any{"DomainId": st.sageMakerDomains[0].ID})}
		}),

		fixed(probe{service: "elasticmapreduce", op: "ListClusters"}),
		read(func() probe {
			return probe{service: "elasticmapreduce", op: "DescribeCluster", body: js(map[string]any{"ClusterId": st.emrClusters[0].ID})}
		}),
		fixed(probe{service: "elasticmapreduce", op: "DescribeCluster", body: js(map[string]any{"ClusterId": "j-NOPE"}), wantErr: true}),

		fixed(probe{service: "es", op: "ListDomainNames"}),
		fixed(probe{service: "es", op: "DescribeDomains", body: js(map[string]any{"DomainNames": []string{"search"}})}),

		fixed(probe{service: "dms", op: "DescribeReplicationInstances"}),
		fixed(probe{service: "kafka", op: "ListClustersV2"}),

		fixed(probe{service: "airflow", op: "ListEnvironments"}),
		fixed(probe{service: "airflow", op: "GetEnvironment", path: map[string]string{"Name": "airflow"}}),
		fixed(probe{service: "airflow", op: "GetEnvironment", path: map[string]string{"Name": "nope"}, wantErr: true}),

		fixed(probe{service: "apprunner", op: "ListVpcConnectors"}),

		fixed(probe{service: "elasticbeanstalk", op: "DescribeEnvironments"}),
		fixed(probe{service: "elasticbeanstalk", op: "DescribeConfigurationSettings", form: form("ApplicationName", "app", "EnvironmentName", "env")}),

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

		fixed(probe{service: "organizations", op: "DescribeOrganization"}),
		fixed(probe{service: "organizations", op: "ListRoots"}),
		fixed(probe{service: "organizations", op: "ListAccounts"}),
		fixed(probe{service: "organizations", op: "ListAccountsForParent", body: js(map[string]any{"ParentId": s.org.rootID})}),
		fixed(probe{service: "organizations", op: "ListOrganizationalUnitsForParent", body: js(map[string]any{"ParentId": s.org.rootID})}),
		fixed(probe{service: "organizations", op: "ListAccountsForParent", body: js(map[string]any{"ParentId": "r-nope"}), wantErr: true}),

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

		fixed(probe{service: "elasticache", op: "DescribeServerlessCaches"}),
		fixed(probe{service: "elasticache", op: "DescribeServerlessCaches", form: form("ServerlessCacheName", "nope"), wantErr: true}),
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

		fixed(probe{service: "aoss", op: "ListVpcEndpoints"}),
		read(func() probe {
			return probe{service: "aoss", op: "BatchGetVpcEndpoint", body: js(map[string]any{"ids": []string{st.aossEndpoints[0].ARN, "vpce-0000000000000000f"}})}
		}),
		fixed(probe{service: "aoss", op: "BatchGetVpcEndpoint", body: js(map[string]any{"ids": []string{}}), wantErr: true}),

		fixed(probe{service: "vpc-lattice", op: "ListResourceGateways"}),

		fixed(probe{service: "appstream", op: "DescribeFleets"}),
		fixed(probe{service: "appstream", op: "DescribeFleets", body: js(map[string]any{"Names": []string{"nope"}}), wantErr: true}),
		fixed(probe{service: "appstream", op: "DescribeImageBuilders"}),

		fixed(probe{service: "memorydb", op: "DescribeClusters"}),
		fixed(probe{service: "memorydb", op: "DescribeClusters", body: js(map[string]any{"ClusterName": "nope"}), wantErr: true}),
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
