package sim

// svcResources are the resources of the non-EC2 services of one
// account-region. They are built once from the scenario and never change
// (the simulator serves only their Describe/List actions), so handlers read
// them without the region lock. Every list is in scenario order, which is
// also the paging order.
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
}

// dataStore is an RDS instance, cluster or proxy, an ElastiCache cluster
// or a Redshift cluster: all are an identifier, an engine and groups.
type dataStore struct {
	Name, ARN, Engine, Cluster, VpcID string
	Groups                            []string
	Tags                              []Tag
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
