package sim

// Scenario specs of the scheduled and batch workloads that hold a security
// group in their configuration: EventBridge Scheduler schedules, EventBridge
// Pipes, AWS Batch compute environments. Like the other services' resources
// they are read-only. Groups resolve through Placement ("default" is the
// VPC's default group, "vpc/name", or a literal sg- id).

// ScheduleSpec is an EventBridge Scheduler schedule (schedules). With the
// default target "ecs" it runs an ECS task in awsvpc mode whose omitted
// groups are [] (the subnets' default group at run time, as CreateSchedule
// allows); target "lambda" is a target without a network configuration.
type ScheduleSpec struct {
	Name      string `yaml:"name"`
	Group     string `yaml:"group"`   // schedule group; omitted = "default"
	Target    string `yaml:"target"`  // "ecs" (default) or "lambda"
	Cluster   string `yaml:"cluster"` // ECS cluster name, for the target ARN only
	Placement `yaml:",inline"`
}

// PipeSpec is an EventBridge pipe (pipes) whose target is, by default, an
// ECS task in awsvpc mode; omitted groups are [] as for schedules. Target
// "lambda" has no network configuration.
type PipeSpec struct {
	Name      string `yaml:"name"`
	Target    string `yaml:"target"`  // "ecs" (default) or "lambda"
	Cluster   string `yaml:"cluster"` // ECS cluster name, for the target ARN only
	Placement `yaml:",inline"`
}

// SageMakerNotebookSpec is a SageMaker notebook instance
// (sagemaker_notebook_instances). Omitted groups: not in a VPC.
type SageMakerNotebookSpec struct {
	Name      string `yaml:"name"`
	Placement `yaml:",inline"`
}

// EMRClusterSpec is an active (WAITING) EMR cluster (emr_clusters). Its
// groups are the EMR-managed primary group and, second, the core/task
// group (omitted = the primary one); omitted groups: the VPC's default
// group for both.
type EMRClusterSpec struct {
	Name      string `yaml:"name"`
	Placement `yaml:",inline"`
	// ServiceAccess is the service access group (private subnets).
	ServiceAccess string `yaml:"service_access"`
	// AdditionalMaster are further groups of the primary instances.
	AdditionalMaster []string `yaml:"additional_master"`
}

// SageMakerDomainSpec is a SageMaker Studio domain (sagemaker_domains):
// groups are DefaultUserSettings.SecurityGroups, space_groups
// DefaultSpaceSettings.SecurityGroups, domain_groups
// DomainSettings.SecurityGroupIds; omitted lists are empty.
type SageMakerDomainSpec struct {
	Name         string `yaml:"name"`
	Placement    `yaml:",inline"`
	SpaceGroups  []string `yaml:"space_groups"`
	DomainGroups []string `yaml:"domain_groups"`
}

// BatchComputeEnvironmentSpec is an AWS Batch compute environment
// (batch_compute_environments). Omitted groups: an UNMANAGED environment
// (no computeResources).
type BatchComputeEnvironmentSpec struct {
	Name           string `yaml:"name"`
	LaunchTemplate string `yaml:"launch_template"` // a launch template name, reported in the detail
	Placement      `yaml:",inline"`
}
