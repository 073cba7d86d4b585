package svc

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Users returns a copy of u for each target group among ids, once each:
// the common tail of every finder that reads a resource's group list.
func Users(t usage.Target, ids []string, u usage.Usage) []usage.Usage {
	var out []usage.Usage
	for _, id := range Matching(t, ids) {
		c := u
		c.GroupID = id
		out = append(out, c)
	}
	return out
}

// Matching returns the ids of ids that are target default groups, once each.
func Matching(t usage.Target, ids []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, id := range ids {
		if t.Has(id) && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// Chunks splits ids into slices of at most n, the per-filter value limit.
func Chunks(ids []string, n int) [][]string {
	var out [][]string
	for len(ids) > n {
		out = append(out, ids[:n])
		ids = ids[n:]
	}
	if len(ids) > 0 {
		out = append(out, ids)
	}
	return out
}

// TagsOf converts another service's tags to EC2's, so one ManagedBy reads
// the CloudFormation, Beanstalk and EKS tags of every service.
func TagsOf[T any](in []T, kv func(T) (key, value *string)) []types.Tag {
	out := make([]types.Tag, 0, len(in))
	for _, tag := range in {
		k, v := kv(tag)
		out = append(out, types.Tag{Key: k, Value: v})
	}
	return out
}

// TagsFromMap converts the map-shaped tags of the REST-JSON services.
func TagsFromMap(m map[string]string) []types.Tag {
	out := make([]types.Tag, 0, len(m))
	for k, v := range m {
		out = append(out, types.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	return out
}

// ByName resolves the security group *names* some APIs return (launch
// configurations created in a default VPC): "default" is the default VPC's
// default group; anything else is kept, so an id given as a name still
// matches.
func ByName(t usage.Target, names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		if n == "default" && t.DefaultVPCGroup != "" {
			n = t.DefaultVPCGroup
		}
		out = append(out, n)
	}
	return out
}

// ManagedBy reads the tags that say which tool owns a resource.
func ManagedBy(tags []types.Tag) string {
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

// OwnerUnknown prefixes the ManagedBy of a user whose tags could not be
// read: the plan then makes it a manual step rather than change a resource
// a stack may own.
const OwnerUnknown = "unknown: "

// OwnerOf is who manages a resource, from tags read with op; a failed read
// is said, never taken for "nobody".
func OwnerOf(op string, tags map[string]string, err error) string {
	if err != nil {
		code := awsx.ErrorCode(err)
		if code == "" {
			code = err.Error()
		}
		return OwnerUnknown + op + " failed (" + code + ")"
	}
	return ManagedBy(TagsFromMap(tags))
}

// SetOwners sets ManagedBy on each usage from the tags read reads for it,
// once per resource (key names it; several usages can share one), for the
// services whose list calls return no tags.
func SetOwners(us []usage.Usage, op string, key func(usage.Usage) string, read func(key string) (map[string]string, error)) {
	owners := map[string]string{}
	for i := range us {
		k := key(us[i])
		if _, ok := owners[k]; !ok {
			tags, err := read(k)
			owners[k] = OwnerOf(op, tags, err)
		}
		us[i].ManagedBy = owners[k]
	}
}
