package sim

// svcResources are the resources of the non-EC2 services of one
// account-region, built from the scenario. Load balancers, databases,
// caches, Redshift clusters and mount targets change (SetSecurityGroups,
// ModifyDBInstance, ...), so every op of those services runs under the
// region lock (regionLocked), reads included; a change replaces a Groups
// slice rather than writing into it, so a result still being encoded keeps
// the slice it was built with. Auto Scaling and EKS stay read-only and are
// read without the lock. Every list is in scenario order, which is also the
// paging order.
type svcResources struct {
	launchConfigs []launchConfig
	asgs          []autoScalingGroup
	loadBalancers []loadBalancer // all types, classic included
	dbInstances   []dataStore
	dbClusters    []dataStore
	dbProxies     []dataStore
	cacheClusters []dataStore
	redshift      []dataStore
	fileSystems   []fileSystem
	eksClusters   []eksCluster
}

type launchConfig struct {
	Name, ARN      string
	SecurityGroups []string // ids, then the names given verbatim
}

type autoScalingGroup struct {
	Name, ARN, LaunchConfiguration string
	LaunchTemplate                 *LaunchTemplateRef
	Mixed                          *MixedInstancesSpec
	Tags                           []Tag
}

type loadBalancer struct {
	Name, ARN, Type, Scheme, VpcID, DNSName string
	Groups                                  []string
	Tags                                    []Tag
	// PrivateLinkRules is a network load balancer's
	// EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic once set ("" = on).
	PrivateLinkRules string
}

// dataStore is an RDS instance, cluster or proxy, an ElastiCache cluster
// or a Redshift cluster: all are an identifier, an engine and groups.
type dataStore struct {
	Name, ARN, Engine, Cluster, VpcID string
	Groups                            []string
	Tags                              []Tag
	// A change of groups leaves the resource "modifying" for the next
	// Pending Describes that include it; Previous are the groups it had
	// before, shown as "removing" meanwhile (svc_modify.go).
	Pending  int
	Previous []string
}

type fileSystem struct {
	ID, ARN, Name string
	Tags          []Tag
	MountTargets  []mountTarget
}

type mountTarget struct {
	ID, FileSystemID, SubnetID, VpcID, AvailabilityZone, IPAddress, NetworkInterfaceID string
	Groups                                                                             []string
}

type eksCluster struct {
	Name, ARN, VpcID, ClusterGroup string
	Groups, SubnetIDs              []string
	Tags                           []Tag
}

// tagMap is the JSON form of tags used by the REST-JSON services.
func tagMap(tags []Tag) map[string]string {
	m := map[string]string{}
	for _, t := range tags {
		m[t.Key] = t.Value
	}
	return m
}
