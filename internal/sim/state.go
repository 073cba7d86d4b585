package sim

import (
	"slices"
	"sort"
	"sync"
)

// Tag is a resource tag.
type Tag struct{ Key, Value string }

// Vpc is a simulated VPC.
type Vpc struct {
	ID, OwnerID, CidrBlock string
	Ipv6CidrBlock          string // "" when the VPC has no IPv6 CIDR
	IsDefault              bool
	Tags                   []Tag
}

// Subnet is a simulated subnet.
type Subnet struct {
	ID, VpcID, OwnerID, CidrBlock, AvailabilityZone string
	DefaultForAz                                    bool
	Tags                                            []Tag
}

// SecurityGroup is a simulated security group; Rules hold both directions
// in the order they were created.
type SecurityGroup struct {
	ID, Name, Description, VpcID, OwnerID string
	Tags                                  []Tag
	Rules                                 []SecurityGroupRule
}

// IsDefault reports whether this is its VPC's default group.
func (g SecurityGroup) IsDefault() bool { return g.Name == "default" }

// Ingress returns the inbound rules.
func (g SecurityGroup) Ingress() []SecurityGroupRule { return g.side(false) }

// Egress returns the outbound rules.
func (g SecurityGroup) Egress() []SecurityGroupRule { return g.side(true) }

func (g SecurityGroup) side(egress bool) []SecurityGroupRule {
	var out []SecurityGroupRule
	for _, r := range g.Rules {
		if r.Egress == egress {
			out = append(out, r)
		}
	}
	return out
}

// SecurityGroupRule is one rule: one protocol/port range and exactly one of
// CidrIPv4, CidrIPv6, PrefixListID or Group.
type SecurityGroupRule struct {
	ID                               string
	Egress                           bool
	Protocol                         string // "-1", tcp, udp, icmp, icmpv6 or a protocol number
	FromPort, ToPort                 int32  // -1 when the protocol has no ports
	CidrIPv4, CidrIPv6, PrefixListID string
	Group                            *GroupRef
	Description                      string
	Tags                             []Tag
}

// GroupRef is a referenced security group (UserIdGroupPair).
type GroupRef struct {
	GroupID, UserID, VpcID, VpcPeeringConnectionID, PeeringStatus string
}

// NetworkInterface is a simulated ENI.
type NetworkInterface struct {
	ID, VpcID, SubnetID, AvailabilityZone, OwnerID string
	Description, InterfaceType, RequesterID        string
	RequesterManaged                               bool
	Status                                         string // available or in-use
	PrivateIPAddress, MacAddress                   string
	Groups                                         []string // group ids
	Attachment                                     *Attachment
	Tags                                           []Tag
}

// Attachment of an interface to an instance.
type Attachment struct {
	ID, InstanceID, InstanceOwnerID, Status string
	DeviceIndex                             int32
}

type stateKey struct{ account, region string }

// regionState is everything in one account-region, behind one mutex: EC2
// operations touch several resources at once (a delete checks interfaces
// and every group's rules), and contention across regions is what matters.
type regionState struct {
	mu              sync.Mutex
	account, region string
	ids             idGen
	vpcs            map[string]*Vpc
	subnets         map[string]*Subnet
	groups          map[string]*SecurityGroup
	enis            map[string]*NetworkInterface
	// ec2ConfigState holds the EC2 configurations (ec2_configs.go).
	ec2ConfigState

	// One part per simulated service, each defined in the service's file.
	// A service whose resources change runs its ops under mu
	// (regionLocked); a change replaces a slice rather than writing into
	// it, so a result still being encoded keeps the slice it was built
	// with, and never removes an entry, so paging positions stay stable.
	autoScalingState
	elbState
	rdsState
	elastiCacheState
	redshiftState
	efsState
	eksState
	lambdaState
	codeBuildState
	ecsState
	eventsState
	glueState
	schedulerState
	pipesState
	batchState
	sageMakerState
	emrState
	openSearchState
	dmsState
	beanstalkState
	mskState
	mwaaState
	appRunnerState
	mqState
	configState
	securityHubState
	sfnState
	imageBuilderState
	sageMakerUserState
	dmsServerlessState
	emrServerlessState
	kinesisAnalyticsState
	kafkaConnectState
	lambdaESMState
	vpcLatticeState
	latticeState
	dataSyncState
	pipeKafkaState
	sageMakerMonitoringState
	sageMakerPipelineState
	fsxState
	route53ResolverState
	apiGatewayState
	memoryDBState
	redshiftServerlessState
	aossState
	appStreamState
	s3State
}

func newRegionState(account, region string) *regionState {
	return &regionState{
		account: account, region: region,
		ids:  idGen{seed: account + "/" + region, used: map[string]bool{}},
		vpcs: map[string]*Vpc{}, subnets: map[string]*Subnet{},
		groups: map[string]*SecurityGroup{}, enis: map[string]*NetworkInterface{},
	}
}

// sortedKeys gives maps a deterministic (id) order for output and paging.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (g *SecurityGroup) clone() SecurityGroup {
	c := *g
	c.Tags = slices.Clone(g.Tags)
	c.Rules = make([]SecurityGroupRule, len(g.Rules))
	for i, r := range g.Rules {
		c.Rules[i] = r.clone()
	}
	return c
}

func (r SecurityGroupRule) clone() SecurityGroupRule {
	if r.Group != nil {
		g := *r.Group
		r.Group = &g
	}
	r.Tags = slices.Clone(r.Tags)
	return r
}

func (n *NetworkInterface) clone() NetworkInterface {
	c := *n
	c.Groups = slices.Clone(n.Groups)
	c.Tags = slices.Clone(n.Tags)
	if n.Attachment != nil {
		a := *n.Attachment
		c.Attachment = &a
	}
	return c
}

func (s *Server) state(account, region string) *regionState {
	return s.states[stateKey{account, region}]
}

// SecurityGroups returns deep copies of the groups of one account-region,
// sorted by id; nil when the account-region is not served.
func (s *Server) SecurityGroups(account, region string) []SecurityGroup {
	st := s.state(account, region)
	if st == nil {
		return nil
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	out := []SecurityGroup{}
	for _, id := range sortedKeys(st.groups) {
		out = append(out, st.groups[id].clone())
	}
	return out
}

// NetworkInterfaces returns deep copies of the interfaces of one
// account-region, sorted by id.
func (s *Server) NetworkInterfaces(account, region string) []NetworkInterface {
	st := s.state(account, region)
	if st == nil {
		return nil
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	out := []NetworkInterface{}
	for _, id := range sortedKeys(st.enis) {
		out = append(out, st.enis[id].clone())
	}
	return out
}

// Vpcs returns copies of the VPCs of one account-region, sorted by id.
func (s *Server) Vpcs(account, region string) []Vpc {
	st := s.state(account, region)
	if st == nil {
		return nil
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	out := []Vpc{}
	for _, id := range sortedKeys(st.vpcs) {
		v := *st.vpcs[id]
		v.Tags = slices.Clone(v.Tags)
		out = append(out, v)
	}
	return out
}
