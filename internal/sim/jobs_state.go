package sim

// jobResources are the scheduled and batch workloads of one account-region
// (scenario_jobs.go), built once and never changed, like appResources.
type jobResources struct {
	schedules []jobTarget
	pipes     []jobTarget
	batchEnvs []batchEnv
	notebooks []batchEnv // SageMaker notebook instances (nil Groups: no VPC)
	emr       []emrCluster
	models    []batchEnv // SageMaker models (nil Groups: no VpcConfig)
	domains   []sageMakerDomain
}

type sageMakerDomain struct {
	ID, Name, ARN, VpcID string
	Subnets              []string
	User, Space, Domain  []string
}

type emrCluster struct {
	ID, Name, ARN, Subnet        string
	Master, Slave, ServiceAccess string
	Additional                   []string
}

// jobTarget is a schedule or pipe. Net is nil for a target without an
// awsvpc configuration.
type jobTarget struct {
	Name, Group, ARN, TargetARN string
	Net                         *awsvpc
}

type batchEnv struct {
	Name, ARN, LaunchTemplate string
	Subnets, Groups           []string // nil Groups: UNMANAGED
}
