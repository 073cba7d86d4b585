package sim

// appResources are the JSON services' resources and the EC2 configurations
// of one account-region, built once from the scenario and never changed
// (the simulator serves only their Describe/List actions), so handlers read
// them without the region lock. Lists are in scenario order, which is also
// their paging order; the EC2 ones are maps by id, paged in id order like
// every EC2 Describe.
type appResources struct {
	functions []lambdaVersion // every function's $LATEST, then its versions
	projects  []codeBuildProject
	fleets    []codeBuildProject
	clusters  []ecsCluster
	rules     []eventRule
	glue      []glueConnection

	templates  map[string]*launchTemplate
	endpoints  map[string]*vpcEndpoint
	eices      map[string]*ec2Endpoint
	clientVPNs map[string]*ec2Endpoint
	references []sgReference
}

// awsvpc is an awsvpc network configuration (ECS, EventBridge targets).
type awsvpc struct {
	Subnets, Groups []string
}

type lambdaVersion struct {
	Name, ARN, Version, VpcID string
	Subnets, Groups           []string // nil Groups: no VPC configuration
}

type codeBuildProject struct {
	Name, ARN, VpcID string
	Subnets, Groups  []string // nil Groups: no vpcConfig
}

type ecsCluster struct {
	Name, ARN string
	Services  []ecsService
}

type ecsService struct {
	Name, ARN   string
	Net         *awsvpc   // nil: not awsvpc
	Deployments []*awsvpc // [0] is the PRIMARY deployment
	TaskSets    []*awsvpc
}

type eventRule struct {
	Name, ARN, Bus, Schedule string
	Targets                  []eventTarget
}

type eventTarget struct {
	ID, ClusterARN string
	Net            awsvpc
}

type glueConnection struct {
	Name, Type, SubnetID, AZ string
	Groups                   []string
}

type launchTemplate struct {
	ID, Name       string
	DefaultVersion int64
	Tags           []Tag
	Versions       []launchTemplateData // version n is Versions[n-1]
}

type launchTemplateData struct {
	GroupIDs, GroupNames []string
	Interfaces           [][]string
}

type vpcEndpoint struct {
	ID, Type, Service, VpcID string
	Subnets, Groups          []string
	Tags                     []Tag
}

// ec2Endpoint is an EC2 Instance Connect endpoint or a Client VPN endpoint.
type ec2Endpoint struct {
	ID, ARN, Description, VpcID, SubnetID, AZ string
	Groups                                    []string
	Tags                                      []Tag
}

type sgReference struct {
	GroupID, ReferencingVpcID, PeeringID, TransitGatewayID string
}
