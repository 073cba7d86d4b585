package e2e

import (
	"strings"
	"testing"

	"github.com/defaultsg/defaultsg/internal/sim"
)

// moreFinderCases are the analytics, migration and application platform
// finders (OpenSearch, DMS, Elastic Beanstalk, MSK, MWAA, App Runner), run like queryServiceCases: found
// when present, denied makes coverage unknown, absent when on "web".
var moreFinderCases = []queryFinderCase{
	{"mq-brokers",
		// A RabbitMQ broker has no interface of its own to give it away:
		// only its service's API can.
		`        mq_brokers: [{name: orders, groups: [web]}, {name: events, engine: rabbitmq, groups: [web, default]}]`,
		`        mq_brokers: [{name: orders, groups: [web]}]`,
		sim.DenyRule{Service: "mq", Action: "DescribeBroker"},
		"sg-0def mq-brokers live b-b646b823-3658-8080-a8fa-0f641ed04cad"},
	{"opensearch-domains",
		`        opensearch_domains: [{name: logs}]`,
		`        opensearch_domains: [{name: logs, groups: [web]}]`,
		sim.DenyRule{Service: "es", Action: "DescribeDomains"},
		"sg-0def opensearch-domains live logs"},
	{"opensearch-domains",
		// Six domains: the sixth, in the second DescribeDomains batch.
		`        opensearch_domains: [{name: a, groups: [web]}, {name: b, groups: [web]}, {name: c, groups: [web]},
          {name: d, groups: [web]}, {name: e, groups: [web]}, {name: f, groups: [web, default]}]`,
		`        opensearch_domains: [{name: a, groups: [web]}, {name: f, groups: [web]}]`,
		sim.DenyRule{Service: "es", Action: "ListDomainNames"},
		"sg-0def opensearch-domains live f"},
	{"dms-replication-instances",
		`        dms_replication_instances: [{name: migrate}]`,
		`        dms_replication_instances: [{name: migrate, groups: [web]}]`,
		sim.DenyRule{Service: "dms", Action: "DescribeReplicationInstances"},
		"sg-0def dms-replication-instances live migrate"},
	{"dms-replication-configs",
		// No VpcSecurityGroupIds: the subnet group's VPC default group.
		`        dms_replication_configs: [{name: serverless}]`,
		`        dms_replication_configs: [{name: serverless, groups: [web]}]`,
		sim.DenyRule{Service: "dms", Action: "DescribeReplicationSubnetGroups"},
		"sg-0def dms-replication-configs latent serverless"},
	{"dms-replication-configs",
		`        dms_replication_configs: [{name: named, groups: [web, default]}]`,
		`        dms_replication_configs: [{name: named, groups: [web]}]`,
		sim.DenyRule{Service: "dms", Action: "DescribeReplicationConfigs"},
		"sg-0def dms-replication-configs latent named"},
	{"kinesisanalytics-applications",
		`        flink_applications: [{name: stream, groups: [web, default]}, {name: no-vpc}]`,
		`        flink_applications: [{name: stream, status: running, groups: [web]}, {name: no-vpc}]`,
		sim.DenyRule{Service: "kinesisanalytics", Action: "DescribeApplication"},
		"sg-0def kinesisanalytics-applications latent stream"},
	{"kafkaconnect-connectors",
		// No securityGroups: workers run in the subnets' VPC default group.
		`        msk_connectors: [{name: sink}]`,
		`        msk_connectors: [{name: sink, groups: [web]}]`,
		sim.DenyRule{Service: "kafkaconnect", Action: "ListConnectors"},
		"sg-0def kafkaconnect-connectors live sink"},
	{"lambda-event-source-mappings",
		`        lambda_event_source_mappings: [{function: consumer, groups: [web, default]}, {function: queue, source: sqs}]`,
		`        lambda_event_source_mappings: [{function: consumer, groups: [web]}, {function: queue, source: sqs}]`,
		sim.DenyRule{Service: "lambda", Action: "ListEventSourceMappings"},
		"sg-0def lambda-event-source-mappings latent a497aaaa-0af2-fca7-4dce-c15f036f3ac9"},
	{"datasync-locations",
		`        datasync_locations: [{type: s3}, {type: fsxw, groups: [web]}, {type: efs, groups: [default]}, {type: fsxl, groups: [web]},
          {type: fsxz, groups: [web]}, {type: fsxn, groups: [web]}]`,
		`        datasync_locations: [{type: s3}, {type: efs, groups: [web]}]`,
		sim.DenyRule{Service: "datasync", Action: "DescribeLocationEfs"},
		"sg-0def datasync-locations latent loc-d2e9f4586d3b5ccc4"},
	{"vpclattice-service-network-vpc-associations",
		`        lattice_vpc_associations: [{network: mesh, groups: [web, default]}, {network: open}]`,
		`        lattice_vpc_associations: [{network: mesh, groups: [web]}, {network: open}]`,
		sim.DenyRule{Service: "vpc-lattice", Action: "GetServiceNetworkVpcAssociation"},
		"sg-0def vpclattice-service-network-vpc-associations latent snva-1530cc467a4cd1b87"},
	{"lambda-event-source-mappings",
		// VPC_SUBNET and no VPC_SECURITY_GROUP: the subnets' VPC default group.
		`        lambda_event_source_mappings: [{function: consumer}]`,
		`        lambda_event_source_mappings: [{function: consumer, groups: [web]}]`,
		sim.DenyRule{Service: "ec2", Action: "DescribeSubnets"},
		"sg-0def lambda-event-source-mappings latent a497aaaa-0af2-fca7-4dce-c15f036f3ac9"},
	{"beanstalk-environments",
		`        beanstalk_environments: [{name: web-prod, instance_groups: [web, default], lb_groups: [web]}]`,
		`        beanstalk_environments: [{name: web-prod, instance_groups: [web], lb_groups: [web]}]`,
		sim.DenyRule{Service: "elasticbeanstalk", Action: "DescribeConfigurationSettings"},
		// Its own elasticbeanstalk:environment-name tag is no outside owner.
		"sg-0def beanstalk-environments latent web-prod"},
	{"beanstalk-environments",
		`        beanstalk_environments: [{name: api, lb_type: classic, instance_groups: [web], lb_groups: [sg-0def]}]`,
		`        beanstalk_environments: [{name: api, lb_type: classic, instance_groups: [web], lb_groups: [web]}]`,
		sim.DenyRule{Service: "elasticbeanstalk", Action: "DescribeEnvironments"},
		"sg-0def beanstalk-environments latent api"},
	{"beanstalk-environments",
		// A stack's environment: the stack owns the change.
		`        beanstalk_environments: [{name: shop, instance_groups: [default], lb_groups: [web], tags: {aws:cloudformation:stack-name: shop-stack}}]`,
		`        beanstalk_environments: [{name: shop, instance_groups: [web], lb_groups: [web]}]`,
		sim.DenyRule{Service: "elasticbeanstalk", Action: "DescribeEnvironments"},
		"sg-0def beanstalk-environments latent shop cloudformation:shop-stack"},
	{"msk-clusters",
		`        msk_clusters: [{name: events, tags: {aws:cloudformation:stack-name: streaming}}]`,
		`        msk_clusters: [{name: events, groups: [web]}]`,
		sim.DenyRule{Service: "kafka", Action: "ListClustersV2"},
		"sg-0def msk-clusters live events cloudformation:streaming"},
	{"msk-clusters",
		`        msk_clusters: [{name: sls, type: serverless, groups: [web, default]}]`,
		`        msk_clusters: [{name: sls, type: serverless, groups: [web]}]`,
		sim.DenyRule{Service: "kafka", Action: "*"},
		"sg-0def msk-clusters live sls"},
	{"mwaa-environments",
		`        mwaa_environments: [{name: etl, groups: [default]}]`,
		`        mwaa_environments: [{name: etl, groups: [web]}]`,
		sim.DenyRule{Service: "airflow", Action: "GetEnvironment"},
		"sg-0def mwaa-environments latent etl"},
	{"apprunner-vpc-connectors",
		`        apprunner_vpc_connectors: [{name: egress}]`,
		`        apprunner_vpc_connectors: [{name: egress, groups: [web]}]`,
		sim.DenyRule{Service: "apprunner", Action: "ListVpcConnectors"},
		"sg-0def apprunner-vpc-connectors latent egress"},
	{"apigateway-vpc-links",
		// Idle for 60 days, the link has no interface: only its API says
		// that the next request brings it back on the default group.
		`        apigateway_vpc_links: [{name: idle, status: inactive, groups: [web, default], tags: {aws:cloudformation:stack-name: api}}, {name: busy, groups: [web]}]`,
		`        apigateway_vpc_links: [{name: idle, status: inactive, groups: [web]}]`,
		// API Gateway's IAM action for GetVpcLinks is its HTTP method.
		sim.DenyRule{Service: "apigateway", Action: "GET"},
		"sg-0def apigateway-vpc-links latent 693d48 cloudformation:api"},
	{"ec2-verified-access-endpoints",
		`        verified_access_endpoints: [{id: vae-0123456789abcdef0, groups: [web, default], tags: {aws:cloudformation:stack-name: zt}}, {groups: [web]}]`,
		`        verified_access_endpoints: [{groups: [web]}]`,
		sim.DenyRule{Service: "ec2", Action: "DescribeVerifiedAccessEndpoints"},
		"sg-0def ec2-verified-access-endpoints live vae-0123456789abcdef0 cloudformation:zt"},
	{"appstream-fleets",
		// Stopped: no streaming instance, no interface, until it starts.
		`        appstream_fleets: [{name: desktops, state: stopped, groups: [web, default]}, {name: other, groups: [web]}]`,
		`        appstream_fleets: [{name: desktops, state: stopped, groups: [web]}]`,
		sim.DenyRule{Service: "appstream", Action: "DescribeFleets"},
		"sg-0def appstream-fleets latent desktops"},
}

func TestUsageMoreFinders(t *testing.T) {
	for _, c := range moreFinderCases {
		t.Run(c.finder+"/"+strings.Fields(c.want)[3], func(t *testing.T) {
			t.Parallel()
			checkQueryFinder(t, c, false)
		})
	}
}
