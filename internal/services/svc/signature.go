package svc

import (
	"regexp"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Signature recognises the network interfaces one kind of resource creates,
// from the interface's type, description, requester and attachment
// (reference table A, "ENI signature"). Signatures are tried in the order
// the registry lists them, so the more specific ones come first.
type Signature struct {
	Kind   resource.Kind
	Change usage.Change
	// Match returns the owner's id as the interface names it; ok is false
	// when the interface is not of this kind. An empty id means the
	// interface does not name its owner.
	Match func(eni types.NetworkInterface) (ownerID string, ok bool)
	// MovedWith are the kinds whose move moves this interface too. The
	// interface is left out of the plan only when a user of one of these
	// kinds is moved — and, when the interface names its owner, only when
	// that owner is the one moved.
	MovedWith []resource.Kind
}

// DescPrefix matches interfaces whose description starts with prefix; the
// rest of the description is the owner id.
func DescPrefix(prefix string) func(types.NetworkInterface) (string, bool) {
	return func(eni types.NetworkInterface) (string, bool) {
		d := aws.ToString(eni.Description)
		if !strings.HasPrefix(d, prefix) {
			return "", false
		}
		return strings.TrimSpace(strings.TrimPrefix(d, prefix)), true
	}
}

// DescRegexp matches interfaces whose description matches re; its first
// group is the owner id.
func DescRegexp(re *regexp.Regexp) func(types.NetworkInterface) (string, bool) {
	return func(eni types.NetworkInterface) (string, bool) {
		m := re.FindStringSubmatch(aws.ToString(eni.Description))
		if m == nil {
			return "", false
		}
		return m[1], true
	}
}

// IfType matches interfaces of type t; idFromDesc, when set, takes the
// owner id from the description.
func IfType(t types.NetworkInterfaceType, idFromDesc *regexp.Regexp) func(types.NetworkInterface) (string, bool) {
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
