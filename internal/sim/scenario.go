package sim

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"go.yaml.in/yaml/v3"
)

// Scenario is the initial state of a simulated AWS world: accounts, the
// regions each has, the resources in each account-region, and faults. It is
// written in YAML (docs/SCENARIOS.md) or built in Go.
type Scenario struct {
	// AccountSpecs is `accounts:`; the first is the fallback for unknown
	// access keys. (Accounts() lists their ids.)
	AccountSpecs []AccountSpec `yaml:"accounts"`
	// Regions every account has unless it lists its own; "standard" is the
	// 17 default regions plus two opt-in ones reported not-opted-in.
	Regions RegionList `yaml:"regions"`
	Faults  Faults     `yaml:"faults"`
	// Organization makes the accounts an AWS Organization (scenario_org.go).
	Organization *OrgSpec `yaml:"organization"`
	// Generate adds many generated accounts (scenario_generate.go).
	Generate *GenerateSpec `yaml:"generate"`

	root *yaml.Node // kept to give validation errors line numbers
}

// AccountSpec is one account. AccessKeyID selects it in requests; empty
// means "AKIASIMX" followed by the account id.
type AccountSpec struct {
	ID          string     `yaml:"id"`
	AccessKeyID string     `yaml:"access_key_id"`
	Name        string     `yaml:"name"`
	Regions     RegionList `yaml:"regions"`
	// Resources by region name. Each service adds its lists to
	// RegionResources as one embedded part.
	Resources map[string]RegionResources `yaml:"resources"`
	// Assumable false makes sts:AssumeRole into this account fail with
	// AccessDenied; ExternalID, when set, must match the request's.
	Assumable  *bool  `yaml:"assumable"`
	ExternalID string `yaml:"external_id"`
}

func (a AccountSpec) accessKey() string {
	if a.AccessKeyID != "" {
		return a.AccessKeyID
	}
	return "AKIASIMX" + a.ID
}

// RegionResources are the resources of one account-region.
type RegionResources struct {
	// DefaultVPC false means the region has no default VPC (deleted, as
	// some organisations do). A VPC with Default set replaces it.
	DefaultVPC *bool `yaml:"default_vpc"`
	// DefaultGroup customises the default VPC's default security group.
	DefaultGroup      *DefaultGroupSpec `yaml:"default_group"`
	VPCs              []VPCSpec         `yaml:"vpcs"`
	SecurityGroups    []GroupSpec       `yaml:"security_groups"`
	NetworkInterfaces []InterfaceSpec   `yaml:"network_interfaces"`

	// EC2 configurations (ec2_configs.go) and peered references
	// (ec2_references.go).
	ec2ConfigSpecs `yaml:",inline"`

	// One part per simulated service, each defined in the service's file:
	// its YAML lists, inline here (docs/SCENARIOS.md).
	autoScalingSpecs `yaml:",inline"`
	elbSpecs         `yaml:",inline"`
	rdsSpecs         `yaml:",inline"`
	elastiCacheSpecs `yaml:",inline"`
	redshiftSpecs    `yaml:",inline"`
	efsSpecs         `yaml:",inline"`
	eksSpecs         `yaml:",inline"`
	lambdaSpecs      `yaml:",inline"`
	codeBuildSpecs   `yaml:",inline"`
	ecsSpecs         `yaml:",inline"`
	eventsSpecs      `yaml:",inline"`
	glueSpecs        `yaml:",inline"`
	schedulerSpecs   `yaml:",inline"`
	pipesSpecs       `yaml:",inline"`
	batchSpecs       `yaml:",inline"`
	sageMakerSpecs   `yaml:",inline"`
	emrSpecs         `yaml:",inline"`
	openSearchSpecs  `yaml:",inline"`
	dmsSpecs         `yaml:",inline"`
	beanstalkSpecs   `yaml:",inline"`
	mskSpecs         `yaml:",inline"`
	mwaaSpecs        `yaml:",inline"`
	appRunnerSpecs   `yaml:",inline"`
	mqSpecs          `yaml:",inline"`
	configSpecs      `yaml:",inline"`
	securityHubSpecs `yaml:",inline"`
	sfnSpecs         `yaml:",inline"`

	imageBuilderSpecs     `yaml:",inline"`
	sageMakerUserSpecs    `yaml:",inline"`
	dmsServerlessSpecs    `yaml:",inline"`
	emrServerlessSpecs    `yaml:",inline"`
	kinesisAnalyticsSpecs `yaml:",inline"`
	kafkaConnectSpecs     `yaml:",inline"`
	lambdaESMSpecs        `yaml:",inline"`
	vpcLatticeSpecs       `yaml:",inline"`
	dataSyncSpecs         `yaml:",inline"`

	sageMakerMonitoringSpecs `yaml:",inline"`
	sageMakerPipelineSpecs   `yaml:",inline"`

	fsxSpecs                `yaml:",inline"`
	route53ResolverSpecs    `yaml:",inline"`
	apiGatewaySpecs         `yaml:",inline"`
	memoryDBSpecs           `yaml:",inline"`
	redshiftServerlessSpecs `yaml:",inline"`
	aossSpecs               `yaml:",inline"`
	latticeSpecs            `yaml:",inline"`
	appStreamSpecs          `yaml:",inline"`
	s3Specs                 `yaml:",inline"`
}

// DefaultGroupSpec customises a VPC's default group. Nil rule lists mean
// AWS's default rules; an empty list means no rules (compliant).
type DefaultGroupSpec struct {
	ID      string            `yaml:"id"`
	Tags    map[string]string `yaml:"tags"`
	Ingress []RuleSpec        `yaml:"ingress"`
	Egress  []RuleSpec        `yaml:"egress"`
}

// VPCSpec is a VPC besides (or replacing, with Default) the default VPC.
type VPCSpec struct {
	Name         string            `yaml:"name"` // scenario-local name, and the Name tag
	ID           string            `yaml:"id"`
	Default      bool              `yaml:"default"`
	CIDR         string            `yaml:"cidr"`
	IPv6         string            `yaml:"ipv6"` // an IPv6 CIDR, or "auto"
	Tags         map[string]string `yaml:"tags"`
	Subnets      []SubnetSpec      `yaml:"subnets"`
	DefaultGroup *DefaultGroupSpec `yaml:"default_group"`
}

// SubnetSpec is a subnet of a VPCSpec.
type SubnetSpec struct {
	Name string            `yaml:"name"`
	ID   string            `yaml:"id"`
	CIDR string            `yaml:"cidr"`
	AZ   string            `yaml:"az"` // zone letter ("b") or full name
	Tags map[string]string `yaml:"tags"`
}

// GroupSpec is a non-default security group.
type GroupSpec struct {
	Name        string            `yaml:"name"`
	ID          string            `yaml:"id"`
	VPC         string            `yaml:"vpc"` // VPC name; "" is the default VPC
	Description string            `yaml:"description"`
	Tags        map[string]string `yaml:"tags"`
	Ingress     []RuleSpec        `yaml:"ingress"`
	// Egress nil gets AWS's default egress rule (all to 0.0.0.0/0).
	Egress []RuleSpec `yaml:"egress"`
}

// RuleSpec is one rule with exactly one source or destination.
type RuleSpec struct {
	ID          string            `yaml:"id"`
	Protocol    string            `yaml:"protocol"` // tcp, udp, icmp, icmpv6, a number, or -1/all (default)
	Ports       string            `yaml:"ports"`    // "443" or "8000-8100"; omitted: all
	CIDR        string            `yaml:"cidr"`
	IPv6CIDR    string            `yaml:"ipv6_cidr"`
	PrefixList  string            `yaml:"prefix_list"`
	Group       string            `yaml:"group"`       // "self", a group name ("vpc/name" if ambiguous) or an sg- id
	GroupOwner  string            `yaml:"group_owner"` // account of a literal group id
	GroupVPC    string            `yaml:"group_vpc"`   // VPC id of a peered group
	Peering     string            `yaml:"peering"`     // pcx- id of a peered reference
	Description string            `yaml:"description"`
	Tags        map[string]string `yaml:"tags"`
}

// InterfaceSpec is a network interface.
type InterfaceSpec struct {
	ID               string            `yaml:"id"`
	VPC              string            `yaml:"vpc"`    // VPC name; "" is the default VPC
	Subnet           string            `yaml:"subnet"` // subnet name or id; "" is the VPC's first
	Groups           []string          `yaml:"groups"` // names or ids; omitted is the VPC's default group
	Description      string            `yaml:"description"`
	InterfaceType    string            `yaml:"interface_type"` // default "interface"
	RequesterID      string            `yaml:"requester_id"`
	RequesterManaged bool              `yaml:"requester_managed"`
	Status           string            `yaml:"status"` // default in-use if attached, else available
	Attachment       *AttachmentSpec   `yaml:"attachment"`
	Tags             map[string]string `yaml:"tags"`
}

// AttachmentSpec attaches an interface to an instance.
type AttachmentSpec struct {
	InstanceID      string `yaml:"instance_id"`
	InstanceOwnerID string `yaml:"instance_owner_id"`
}

// ParseScenario decodes a YAML scenario strictly: unknown fields are errors
// with their line number.
func ParseScenario(data []byte) (*Scenario, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("scenario: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var sc Scenario
	if err := dec.Decode(&sc); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("scenario: %w", err)
	}
	sc.root = &root
	sc.expand()
	if err := sc.validate(); err != nil {
		return nil, err
	}
	return &sc, nil
}

// LoadScenario reads and parses a scenario file.
func LoadScenario(path string) (*Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	sc, err := ParseScenario(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return sc, nil
}

// DefaultScenario is one account, 111111111111, in the 17 standard regions,
// each with a default VPC whose default group has AWS's default rules.
func DefaultScenario() *Scenario {
	return &Scenario{
		AccountSpecs: []AccountSpec{{ID: "111111111111", AccessKeyID: "AKIASIMX111111111111"}},
		Regions:      standardRegions(),
	}
}

// Accounts lists the account ids in scenario order.
func (sc *Scenario) Accounts() []string {
	ids := make([]string, len(sc.AccountSpecs))
	for i, a := range sc.AccountSpecs {
		ids[i] = a.ID
	}
	return ids
}
