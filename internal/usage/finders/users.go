package finders

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/usage"
)

// users returns a copy of u for each target group among ids, once each:
// the common tail of every finder that reads a resource's group list.
func users(t usage.Target, ids []string, u usage.Usage) []usage.Usage {
	var out []usage.Usage
	for _, id := range matching(t, ids) {
		c := u
		c.GroupID = id
		out = append(out, c)
	}
	return out
}

// tagsOf converts another service's tags to EC2's, so one managedBy reads
// the CloudFormation, Beanstalk and EKS tags of every service.
func tagsOf[T any](in []T, kv func(T) (key, value *string)) []types.Tag {
	out := make([]types.Tag, 0, len(in))
	for _, tag := range in {
		k, v := kv(tag)
		out = append(out, types.Tag{Key: k, Value: v})
	}
	return out
}

// tagsFromMap converts the map-shaped tags of the REST-JSON services.
func tagsFromMap(m map[string]string) []types.Tag {
	out := make([]types.Tag, 0, len(m))
	for k, v := range m {
		out = append(out, types.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	return out
}

// byName resolves the security group *names* some APIs return (launch
// configurations created in a default VPC): "default" is the default VPC's
// default group; anything else is kept, so an id given as a name still
// matches.
func byName(t usage.Target, names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		if n == "default" && t.DefaultVPCGroup != "" {
			n = t.DefaultVPCGroup
		}
		out = append(out, n)
	}
	return out
}
