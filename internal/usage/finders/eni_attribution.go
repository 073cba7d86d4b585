package finders

import (
	"regexp"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/usage"
)

// eniSignature recognises the interfaces one kind of resource creates, from
// the interface's type, description, requester and attachment (reference
// table A, "ENI signature"). The first matching signature wins, so the more
// specific ones come first.
type eniSignature struct {
	resourceType string
	service      string
	change       usage.Change
	match        func(eni types.NetworkInterface) (resourceID string, ok bool)
}

func descPrefix(prefix string) func(types.NetworkInterface) (string, bool) {
	return func(eni types.NetworkInterface) (string, bool) {
		d := aws.ToString(eni.Description)
		if !strings.HasPrefix(d, prefix) {
			return "", false
		}
		return strings.TrimSpace(strings.TrimPrefix(d, prefix)), true
	}
}

func descRegexp(re *regexp.Regexp) func(types.NetworkInterface) (string, bool) {
	return func(eni types.NetworkInterface) (string, bool) {
		m := re.FindStringSubmatch(aws.ToString(eni.Description))
		if m == nil {
			return "", false
		}
		return m[1], true
	}
}

func ifType(t types.NetworkInterfaceType, idFromDesc *regexp.Regexp) func(types.NetworkInterface) (string, bool) {
	return func(eni types.NetworkInterface) (string, bool) {
		if eni.InterfaceType != t {
			return "", false
		}
		if idFromDesc != nil {
			if m := idFromDesc.FindStringSubmatch(aws.ToString(eni.Description)); m != nil {
				return m[1], true
			}
		}
		return "", true
	}
}

var (
	reLambda       = regexp.MustCompile(`^AWS Lambda VPC ENI-(.+)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	reALB          = regexp.MustCompile(`^ELB (app/[^/]+/[0-9a-f]+)$`)
	reNLB          = regexp.MustCompile(`^ELB (net/[^/]+/[0-9a-f]+)$`)
	reCLB          = regexp.MustCompile(`^ELB ([A-Za-z0-9-]+)$`)
	reVPCE         = regexp.MustCompile(`(vpce-[0-9a-f]+)`)
	reEFS          = regexp.MustCompile(`^EFS mount target for (fs-[0-9a-f]+ \(fsmt-[0-9a-f]+\))`)
	reECS          = regexp.MustCompile(`^(arn:aws[a-z-]*:ecs:[^:]+:\d+:attachment/[0-9a-f-]+)$`)
	reMQ           = regexp.MustCompile(`^Amazon MQ network interface for broker (b-[0-9a-f-]+)`)
	reDirectory    = regexp.MustCompile(`^AWS created network interface for directory (d-[0-9a-f]+)`)
	reResolver     = regexp.MustCompile(`^Route 53 Resolver: (rslvr-[a-z]+-[0-9a-f]+)`)
	reSageMaker    = regexp.MustCompile(`SageMaker(.*)$`)
	reElastiCache  = regexp.MustCompile(`^ElastiCache (.+)$`)
	reOpenSearch   = regexp.MustCompile(`^ES (.+)$`)
	reEKS          = regexp.MustCompile(`^Amazon EKS (.+)$`)
	reRDSProxy     = regexp.MustCompile(`^Network interface for DBProxy (.+)$`)
	reGlue         = regexp.MustCompile(`^Attached to Glue using role: (.+)$`)
	reCodeBuild    = regexp.MustCompile(`:AWSCodeBuild-([0-9a-f-]+)`)
	reFirehose     = regexp.MustCompile(`^Amazon Kinesis Firehose - (.+)$`)
	reInstanceConn = regexp.MustCompile(`(eice-[0-9a-f]+)`)
)

// signatures is ordered: requester-specific and type-specific first.
var signatures = []eniSignature{
	{"CodeBuild build", "codebuild", usage.ChangeDeployment, func(eni types.NetworkInterface) (string, bool) {
		m := reCodeBuild.FindStringSubmatch(aws.ToString(eni.RequesterId))
		if m == nil {
			return "", false
		}
		return m[1], true
	}},
	{"Lambda function", "lambda", usage.ChangeInPlace, descRegexp(reLambda)},
	{"Lambda function", "lambda", usage.ChangeInPlace, ifType(types.NetworkInterfaceTypeLambda, nil)},
	{"Application Load Balancer", "elasticloadbalancing", usage.ChangeInPlace, descRegexp(reALB)},
	{"Network Load Balancer", "elasticloadbalancing", usage.ChangeInPlace, descRegexp(reNLB)},
	{"Classic Load Balancer", "elasticloadbalancing", usage.ChangeInPlace, descRegexp(reCLB)},
	{"VPC endpoint", "ec2", usage.ChangeInPlace, ifType(types.NetworkInterfaceTypeVpcEndpoint, reVPCE)},
	{"VPC endpoint", "ec2", usage.ChangeInPlace, descRegexp(regexp.MustCompile(`^VPC Endpoint Interface (vpce-[0-9a-f]+)`))},
	{"EFS mount target", "elasticfilesystem", usage.ChangeInPlace, descRegexp(reEFS)},
	// "efs" and "ec2_instance_connect_endpoint" are documented interface types
	// that the SDK has no enum constant for.
	{"EFS mount target", "elasticfilesystem", usage.ChangeInPlace, ifType(types.NetworkInterfaceType("efs"), nil)},
	{"ECS task", "ecs", usage.ChangeDeployment, descRegexp(reECS)},
	{"RDS Proxy", "rds", usage.ChangeInPlace, descRegexp(reRDSProxy)},
	{"RDS database", "rds", usage.ChangeInPlace, descPrefix("RDSNetworkInterface")},
	{"Redshift cluster", "redshift", usage.ChangeInPlace, descPrefix("RedshiftNetworkInterface")},
	{"DMS replication instance", "dms", usage.ChangeInPlace, descPrefix("DMSNetworkInterface")},
	{"ElastiCache node", "elasticache", usage.ChangeInPlace, descRegexp(reElastiCache)},
	{"DAX cluster", "dax", usage.ChangeInPlace, descPrefix("DAX")},
	{"OpenSearch domain", "es", usage.ChangeInPlace, descRegexp(reOpenSearch)},
	{"EKS cluster", "eks", usage.ChangeInPlace, descRegexp(reEKS)},
	{"Glue job run", "glue", usage.ChangeInPlace, descRegexp(reGlue)},
	{"SageMaker resource", "sagemaker", usage.ChangeReplacement, descRegexp(reSageMaker)},
	{"Amazon MQ broker", "mq", usage.ChangeInPlace, descRegexp(reMQ)},
	{"Directory Service directory", "ds", usage.ChangeReplacement, descRegexp(reDirectory)},
	{"Route 53 Resolver endpoint", "route53resolver", usage.ChangeReplacement, descRegexp(reResolver)},
	{"Firehose delivery stream", "firehose", usage.ChangeReplacement, descRegexp(reFirehose)},
	{"WorkSpaces directory", "workspaces", usage.ChangeUnknown, descPrefix("Created By Amazon Workspaces for AWS Account ID")},
	{"EC2 Instance Connect Endpoint", "ec2", usage.ChangeInPlace, ifType(types.NetworkInterfaceType("ec2_instance_connect_endpoint"), reInstanceConn)},
	{"API Gateway VPC link", "apigateway", usage.ChangeReplacement, ifType(types.NetworkInterfaceTypeApiGatewayManaged, nil)},
	{"QuickSight VPC connection", "quicksight", usage.ChangeInPlace, ifType(types.NetworkInterfaceTypeQuicksight, nil)},
}

// attribute names the owner of an interface. An interface that matches no
// signature and is neither a plain instance interface nor an unattached
// user-created one is reported unattributed, which blocks close.
func attribute(eni types.NetworkInterface) usage.Usage {
	eniID := aws.ToString(eni.NetworkInterfaceId)
	u := usage.Usage{Kind: usage.KindLive, Detail: eniID, ManagedBy: managedBy(eni.TagSet)}
	for _, s := range signatures {
		if id, ok := s.match(eni); ok {
			u.ResourceType, u.Service, u.Change = s.resourceType, s.service, s.change
			u.ResourceID = id
			if u.ResourceID == "" {
				u.ResourceID = eniID
			}
			return u
		}
	}
	managed := aws.ToBool(eni.RequesterManaged)
	att := eni.Attachment
	switch {
	case !managed && att != nil && aws.ToString(att.InstanceId) != "" &&
		(aws.ToString(att.InstanceOwnerId) == "" || aws.ToString(att.InstanceOwnerId) == aws.ToString(eni.OwnerId)):
		u.ResourceType, u.Service, u.Change = "EC2 instance", "ec2", usage.ChangeInPlace
		u.ResourceID = aws.ToString(att.InstanceId)
	case !managed && att == nil && aws.ToString(eni.RequesterId) == "" &&
		(eni.InterfaceType == "" || eni.InterfaceType == types.NetworkInterfaceTypeInterface):
		u.ResourceType, u.Service, u.Change = "Network interface (unattached)", "ec2", usage.ChangeInPlace
		u.ResourceID = eniID
	default:
		u.ResourceType, u.Service, u.Change = "Unattributed network interface", "ec2", usage.ChangeUnknown
		u.ResourceID = eniID
		u.Unattributed = true
		u.Detail = unattributedDetail(eni)
	}
	return u
}

func unattributedDetail(eni types.NetworkInterface) string {
	parts := []string{aws.ToString(eni.NetworkInterfaceId)}
	if t := string(eni.InterfaceType); t != "" {
		parts = append(parts, "type="+t)
	}
	if r := aws.ToString(eni.RequesterId); r != "" {
		parts = append(parts, "requester="+r)
	}
	if d := aws.ToString(eni.Description); d != "" {
		parts = append(parts, "description="+d)
	}
	return strings.Join(parts, " ")
}

// managedBy reads the tags that say which tool owns a resource.
func managedBy(tags []types.Tag) string {
	get := func(k string) string {
		for _, t := range tags {
			if aws.ToString(t.Key) == k {
				return aws.ToString(t.Value)
			}
		}
		return ""
	}
	switch {
	case get("aws:cloudformation:stack-name") != "":
		return "cloudformation:" + get("aws:cloudformation:stack-name")
	case get("elasticbeanstalk:environment-name") != "":
		return "elasticbeanstalk:" + get("elasticbeanstalk:environment-name")
	case get("eks:cluster-name") != "":
		return "eks:" + get("eks:cluster-name")
	case get("ManagedBy") != "":
		return strings.ToLower(get("ManagedBy"))
	}
	return ""
}
