package ec2

import (
	"regexp"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Interface signatures of EC2's own resources; every service lists its own
// in its package, and the registry hands them all to NetworkInterfaces.
var signatures = []svc.Signature{
	{Kind: VPCEndpoint, Change: usage.ChangeInPlace, MovedWith: []resource.Kind{VPCEndpoint},
		Match: svc.IfType(types.NetworkInterfaceTypeVpcEndpoint, reVPCE)},
	{Kind: VPCEndpoint, Change: usage.ChangeInPlace, MovedWith: []resource.Kind{VPCEndpoint},
		Match: svc.DescRegexp(regexp.MustCompile(`^VPC Endpoint Interface (vpce-[0-9a-f]+)`))},
	// "ec2_instance_connect_endpoint" is a documented interface type the
	// SDK has no constant for.
	{Kind: InstanceConnectEndpoint, Change: usage.ChangeInPlace, MovedWith: []resource.Kind{InstanceConnectEndpoint},
		Match: svc.IfType(types.NetworkInterfaceType("ec2_instance_connect_endpoint"), regexp.MustCompile(`(eice-[0-9a-f]+)`))},
}

var reVPCE = regexp.MustCompile(`(vpce-[0-9a-f]+)`)

// Attribute names the owner of an interface. An interface that matches no
// signature and is neither a plain instance interface nor an unattached
// user-created one is reported unattributed, which blocks close.
//
// An interface that matches a signature but does not name its owner (RDS
// writes only "RDSNetworkInterface") is unattributed too: the plan never
// moves a guessed owner, and leaves it out only when a resource of a kind
// that moves it is moved.
func Attribute(sigs []svc.Signature, eni types.NetworkInterface) usage.Usage {
	eniID := aws.ToString(eni.NetworkInterfaceId)
	u := usage.Usage{Kind: usage.KindLive, Detail: eniID, Interface: eniID, ManagedBy: svc.ManagedBy(eni.TagSet)}
	for _, s := range sigs {
		if id, ok := s.Match(eni); ok {
			u.ResourceKind, u.Change, u.ResourceID = s.Kind, s.Change, id
			if id == "" {
				u.ResourceID, u.Unattributed = eniID, true
				u.Detail = unattributedDetail(eni)
			}
			return u
		}
	}
	managed := aws.ToBool(eni.RequesterManaged)
	att := eni.Attachment
	switch {
	case !managed && att != nil && aws.ToString(att.InstanceId) != "" &&
		(aws.ToString(att.InstanceOwnerId) == "" || aws.ToString(att.InstanceOwnerId) == aws.ToString(eni.OwnerId)):
		u.ResourceKind, u.Change = Instance, usage.ChangeInPlace
		u.ResourceID = aws.ToString(att.InstanceId)
	case !managed && att == nil && (eni.InterfaceType == "" || eni.InterfaceType == types.NetworkInterfaceTypeInterface):
		// A user's own interface: AWS and moto set RequesterId to the
		// creating principal (AIDA…, AROA…:session) and RequesterManaged
		// false; only a service's interfaces are requester-managed.
		u.ResourceKind, u.Change = Interface, usage.ChangeInPlace
		u.ResourceID = eniID
	default:
		u.ResourceKind, u.Change = UnattributedInterface, usage.ChangeUnknown
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
