// Package finders holds one file per AWS service that can place a resource in
// a security group. Each finder reads through its service's own API with a
// narrow client interface declared beside it, filters on the server where the
// API allows, pages with the SDK's paginators, and never writes.
package finders

import "github.com/defaultsg/defaultsg/internal/usage"

// All is every finder, in the order reports list them. Adding a service is a
// finder file, its test, and one line here.
var All = []usage.Finder{
	EC2NetworkInterfaces,
	EC2SecurityGroupReferences,
	EC2PeeredReferences,
	EC2LaunchTemplates,
	EC2VpcEndpoints,
	EC2InstanceConnectEndpoints,
	EC2ClientVpnEndpoints,
	AutoScalingGroups,
	AutoScalingLaunchConfigurations,
	ELBv2LoadBalancers,
	ClassicLoadBalancers,
	RDSInstances,
	RDSClusters,
	RDSProxies,
	ElastiCacheClusters,
	RedshiftClusters,
	EFSMountTargets,
	EKSClusters,
	LambdaFunctions,
	CodeBuildProjects,
	CodeBuildFleets,
	ECSServices,
	EventBridgeECSTargets,
	SchedulerSchedules,
	EventBridgePipes,
	BatchComputeEnvironments,
	SageMakerNotebookInstances,
	SageMakerModels,
	SageMakerDomains,
	EMRClusters,
	GlueConnections,
	OpenSearchDomains,
	DMSReplicationInstances,
	BeanstalkEnvironments,
	MSKClusters,
	MWAAEnvironments,
	AppRunnerVPCConnectors,
}

// ByName returns the finder called name.
func ByName(name string) (usage.Finder, bool) {
	for _, f := range All {
		if f.Name == name {
			return f, true
		}
	}
	return usage.Finder{}, false
}
