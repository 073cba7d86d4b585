package sim

// Scenario specs of the non-EC2 resources that can hold a security group
// and that the query-protocol (Auto Scaling, ELB, RDS, ElastiCache,
// Redshift) and REST-JSON (EFS, EKS) services serve. They are read-only in
// the simulator: the usage finders only describe them.

// Placement is where a resource sits and which groups it carries.
type Placement struct {
	VPC string `yaml:"vpc"` // VPC name or id; omitted = the default VPC
	// Groups are names ("vpcname/name" if ambiguous) or sg- ids in the VPC.
	// Omitted: the VPC's default group for services that fall back to it
	// when created without groups; [] means none.
	Groups []string `yaml:"groups"`
}

// LaunchConfigurationSpec is an Auto Scaling launch configuration.
type LaunchConfigurationSpec struct {
	Name      string `yaml:"name"`
	Placement `yaml:",inline"`
	// GroupNames are returned verbatim in SecurityGroups, as the API
	// returns group names a configuration was created with ("default").
	GroupNames []string `yaml:"group_names"`
}

// LaunchTemplateRef names a launch template and version, as an Auto
// Scaling group holds it. The template is not checked: it is EC2's.
type LaunchTemplateRef struct {
	ID      string `yaml:"id"`
	Name    string `yaml:"name"`
	Version string `yaml:"version"` // a number, $Latest or $Default
}

// MixedInstancesSpec is an Auto Scaling group's mixed instances policy.
type MixedInstancesSpec struct {
	LaunchTemplate LaunchTemplateRef   `yaml:"launch_template"`
	Overrides      []LaunchTemplateRef `yaml:"overrides"` // each override's own template, if any
}

// AutoScalingGroupSpec is an Auto Scaling group; exactly one of its
// launch sources is set.
type AutoScalingGroupSpec struct {
	Name                string              `yaml:"name"`
	LaunchConfiguration string              `yaml:"launch_configuration"`
	LaunchTemplate      *LaunchTemplateRef  `yaml:"launch_template"`
	MixedInstances      *MixedInstancesSpec `yaml:"mixed_instances"`
	Tags                map[string]string   `yaml:"tags"`
}

// LoadBalancerSpec is an Elastic Load Balancing load balancer.
type LoadBalancerSpec struct {
	Name string `yaml:"name"`
	// Type is application (default), network, gateway or classic.
	// Omitted groups: application and classic get the VPC's default group,
	// network and gateway none.
	Type      string `yaml:"type"`
	Scheme    string `yaml:"scheme"` // internet-facing (default) or internal
	Placement `yaml:",inline"`
	Tags      map[string]string `yaml:"tags"`
}

// DataStoreSpec is a database or cache (db_instances, db_clusters,
// db_proxies, cache_clusters, redshift_clusters). Omitted groups: the
// VPC's default group, as these create APIs fall back to it.
type DataStoreSpec struct {
	Name      string `yaml:"name"`   // the identifier the user chose
	Engine    string `yaml:"engine"` // free text; a per-service default
	Cluster   string `yaml:"cluster"`
	Placement `yaml:",inline"`
	Tags      map[string]string `yaml:"tags"`
}

// FileSystemSpec is an EFS file system with its mount targets.
type FileSystemSpec struct {
	ID           string            `yaml:"id"` // pin the fs- id
	Name         string            `yaml:"name"`
	Tags         map[string]string `yaml:"tags"`
	MountTargets []MountTargetSpec `yaml:"mount_targets"`
}

// MountTargetSpec is an EFS mount target; omitted groups are the VPC's
// default group.
type MountTargetSpec struct {
	ID        string `yaml:"id"`     // pin the fsmt- id
	Subnet    string `yaml:"subnet"` // omitted = the VPC's first subnet
	Placement `yaml:",inline"`
}

// EKSClusterSpec is an EKS cluster. Groups are the additional groups of
// resourcesVpcConfig (omitted = none); ClusterGroup stands for the group
// EKS creates, so tests can point it anywhere.
type EKSClusterSpec struct {
	Name         string `yaml:"name"`
	Placement    `yaml:",inline"`
	ClusterGroup string            `yaml:"cluster_group"`
	Tags         map[string]string `yaml:"tags"`
}
