package sim

// appResources are the JSON services' resources and the EC2 configurations
// of one account-region, built from the scenario. Lambda functions,
// CodeBuild projects and fleets, ECS services and launch templates change
// (UpdateFunctionConfiguration, UpdateProject, UpdateFleet, UpdateService,
// CreateLaunchTemplateVersion, ModifyLaunchTemplate; VPC endpoints by
// ModifyVpcEndpoint), so their ops, reads included, run under the region
// lock: regionLocked, or locked like every EC2 op. EventBridge rules and
// Glue connections are never changed and are read without it. A change
// replaces values or appends, never removes an entry, so a list's paging
// position stays stable. Lists are in scenario order, which is also their
// paging order; the EC2 ones are maps by id, paged in id order like every
// EC2 Describe.
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
	PublicIP        bool // assignPublicIp ENABLED
}

type lambdaVersion struct {
	Name, ARN, Version, VpcID string
	Subnets, Groups           []string // nil Groups: no VPC configuration
	// LastModified is "" until an update; Pending counts the
	// GetFunctionConfiguration reads left that show the last update
	// InProgress (lambda_update.go).
	LastModified string
	Pending      int
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
	// DeploymentIDs parallel Deployments, filled on first use (the
	// scenario's by position); Serial numbers the last deployment. Pending counts the DescribeServices reads left that show
	// the PRIMARY deployment IN_PROGRESS beside the one it replaces
	// (ecs_update.go).
	DeploymentIDs []string
	Serial        int
	Pending       int
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
	Interfaces           [][]string // each interface's groups, by device index
	Description          string     // VersionDescription
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
