package sim

// analyticsResources are the OpenSearch domains, DMS replication instances,
// Elastic Beanstalk environments, MSK clusters, MWAA environments and App
// Runner VPC connectors of one account-region
// (scenario_analytics.go), built once and never changed, like appResources.
type analyticsResources struct {
	domains      []vpcResource
	dmsInstances []vpcResource
	beanstalk    []beanstalkEnv
	msk          []vpcResource // Type provisioned or serverless
	mwaa         []vpcResource
	connectors   []vpcResource // App Runner VPC connectors
}

// vpcResource is a named resource with subnets and groups in one VPC.
type vpcResource struct {
	Name, ARN, VpcID, Type string
	Subnets, Groups        []string
	Tags                   []Tag
}

type beanstalkEnv struct {
	Name, ID, ARN, Application, VpcID string
	LBType                            string
	InstanceGroups, LBGroups          []string // as the option values list them
}
