package sim

import (
	"strings"
	"time"
)

// EC2 throttles per account and region with token buckets per action class
// (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html).
// The simulator models the classes a security-group tool touches.
type bucketClass struct {
	name     string
	capacity float64
	refill   float64 // tokens per second
}

var (
	describeBucket  = bucketClass{"describe", 100, 20}
	unpagedBucket   = bucketClass{"unfiltered-unpaginated", 50, 10}
	mutatingBucket  = bucketClass{"mutating", 50, 5}
	intensiveBucket = bucketClass{"resource-intensive", 50, 5}
	modifyENIBucket = bucketClass{"modify-network-interface", 100, 5}
)

// bucketKey includes the service: EC2's buckets are EC2's own, and each
// regional service that is throttled gets buckets of its own.
type bucketKey struct{ account, region, service, class string }

type bucket struct {
	tokens float64
	last   time.Time
}

// classify picks the bucket of a call. Unfiltered and unpaginated
// describes of the three expensive resources have their own, smaller one.
func classify(c *call) bucketClass {
	switch c.Action {
	case "AuthorizeSecurityGroupIngress", "RevokeSecurityGroupIngress":
		return intensiveBucket
	case "ModifyNetworkInterfaceAttribute":
		return modifyENIBucket
	case "DescribeInstances", "DescribeNetworkInterfaces", "DescribeSecurityGroups":
		if c.Form != nil && c.Form.Get("MaxResults") == "" && !hasPrefixKey(c.Form, "Filter.") {
			return unpagedBucket
		}
	}
	if isMutating(c.Action) {
		return mutatingBucket
	}
	return describeBucket
}

func hasPrefixKey(form map[string][]string, prefix string) bool {
	for k := range form {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

// take removes one token from the call's bucket; false means throttled.
// The caller holds l.mu.
func (l *faultLayer) take(c *call) bool {
	// Global services (STS, Organizations) are not throttled by buckets:
	// their quotas are per account, not per region, and far above EC2's
	// (AssumeRole: hundreds per second), so EC2's buckets on the one
	// management account would throttle an org-wide fan-out AWS serves.
	if svc := lookupService(c.Service); svc == nil || !svc.regional {
		return true
	}
	class := classify(c)
	k := bucketKey{c.Account, c.Region, c.Service, class.name}
	now := l.now()
	b := l.buckets[k]
	if b == nil {
		b = &bucket{tokens: class.capacity, last: now}
		l.buckets[k] = b
	}
	if elapsed := now.Sub(b.last).Seconds(); elapsed > 0 {
		b.tokens = min(class.capacity, b.tokens+elapsed*class.refill)
	}
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
