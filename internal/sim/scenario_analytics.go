package sim

// Scenario specs of the analytics, migration and application platform
// services that place resources in a VPC: OpenSearch domains, DMS
// replication instances, Elastic Beanstalk environments, MSK clusters,
// MWAA environments and App Runner VPC connectors. Like the other services' resources they
// are read-only in the simulator.

// VPCResourceSpec is a resource that sits in a VPC with groups: an
// OpenSearch domain (opensearch_domains) or a DMS replication instance
// (dms_replication_instances), an MWAA environment (mwaa_environments) or
// an App Runner VPC connector (apprunner_vpc_connectors). Omitted groups:
// the VPC's default group, as their create APIs fall back to it.
type VPCResourceSpec struct {
	Name      string `yaml:"name"`
	Placement `yaml:",inline"`
	Tags      map[string]string `yaml:"tags"`
}

// BeanstalkEnvironmentSpec is an Elastic Beanstalk environment. Its
// option settings name groups by id or name, verbatim, as Beanstalk
// stores them: InstanceGroups go to
// aws:autoscaling:launchconfiguration/SecurityGroups and LBGroups to the
// load balancer namespace of LBType.
type BeanstalkEnvironmentSpec struct {
	Name        string `yaml:"name"`
	Application string `yaml:"application"` // default "app"
	VPC         string `yaml:"vpc"`         // VPC name or id; omitted = the default VPC
	// InstanceGroups and LBGroups are group names ("default"), scenario
	// names or sg- ids; names are resolved in VPC when they name a
	// scenario group, else kept verbatim.
	InstanceGroups []string `yaml:"instance_groups"`
	LBGroups       []string `yaml:"lb_groups"`
	LBType         string   `yaml:"lb_type"` // application (default) or classic
}

// MSKClusterSpec is an MSK cluster (msk_clusters): Type provisioned
// (default; groups in BrokerNodeGroupInfo) or serverless (groups in its
// one VpcConfig). Omitted groups: the VPC's default group.
type MSKClusterSpec struct {
	Name      string `yaml:"name"`
	Type      string `yaml:"type"`
	Placement `yaml:",inline"`
	Tags      map[string]string `yaml:"tags"`
}
