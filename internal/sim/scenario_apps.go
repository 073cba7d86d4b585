package sim

// Scenario specs of the resources that hold a security group in their
// configuration and that the JSON services (Lambda, CodeBuild, ECS,
// EventBridge, Glue) serve. The finders list them; apply changes the groups
// of Lambda, CodeBuild and ECS ones (svc_update.go). Groups resolve like an
// interface's ("default" is the VPC's default group, "vpc/name", or a
// literal sg- id), through Placement.

// LambdaFunctionSpec is a function and its published versions. Omitted
// groups: the function is not attached to a VPC.
type LambdaFunctionSpec struct {
	Name      string `yaml:"name"`
	Placement `yaml:",inline"`
	// Versions are published versions 1..n; a version's omitted groups are
	// the function's (its $LATEST) groups.
	Versions []Placement `yaml:"versions"`
}

// CodeBuildProjectSpec is a CodeBuild project (codebuild_projects) or
// reserved-capacity fleet (codebuild_fleets). Omitted groups: no vpcConfig.
type CodeBuildProjectSpec struct {
	Name      string `yaml:"name"`
	Placement `yaml:",inline"`
}

// ECSClusterSpec is an ECS cluster and its services.
type ECSClusterSpec struct {
	Name     string           `yaml:"name"`
	Services []ECSServiceSpec `yaml:"services"`
}

// ECSServiceSpec is an ECS service. Its groups are the service's awsvpc
// configuration and its primary deployment's; omitted groups mean no
// awsvpc configuration (bridge or host networking), [] means awsvpc with no
// groups, which ECS runs in the VPC's default group.
type ECSServiceSpec struct {
	Name      string `yaml:"name"`
	Placement `yaml:",inline"`
	// Deployments are further ACTIVE deployments still rolling out, each
	// with its own network configuration.
	Deployments []Placement `yaml:"deployments"`
	// TaskSets are task sets of an EXTERNAL or CODE_DEPLOY service.
	TaskSets []Placement `yaml:"task_sets"`
}

// EventRuleSpec is an EventBridge rule with ECS task targets.
type EventRuleSpec struct {
	Name     string `yaml:"name"`
	Bus      string `yaml:"bus"`      // omitted = "default"
	Schedule string `yaml:"schedule"` // e.g. rate(1 day); omitted = an event pattern rule
	// ECSTargets run a task in awsvpc mode; omitted groups are [] (the
	// default group at run time), as PutTargets allows.
	ECSTargets []EventECSTargetSpec `yaml:"ecs_targets"`
}

// EventECSTargetSpec is one ECS RunTask target of a rule.
type EventECSTargetSpec struct {
	ID        string `yaml:"id"`
	Cluster   string `yaml:"cluster"` // cluster name, for the target ARN only
	Placement `yaml:",inline"`
}

// GlueConnectionSpec is a Glue connection with physical connection
// requirements (JDBC, NETWORK, ...). Omitted groups: none.
type GlueConnectionSpec struct {
	Name      string `yaml:"name"`
	Type      string `yaml:"type"`   // default JDBC
	Subnet    string `yaml:"subnet"` // name or id; omitted = the VPC's first
	Placement `yaml:",inline"`
}
