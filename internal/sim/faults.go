package sim

import (
	"context"
	"math/rand/v2"
	"slices"
	"sync"
	"time"
)

// Faults are injected in front of every handler. The zero value injects
// nothing. In a scenario they are the top-level `faults:` block.
type Faults struct {
	// Latency delays every call (cancelled with the request).
	Latency time.Duration `yaml:"latency"`
	// ThrottleRate is the probability (0..1) that a call is throttled.
	ThrottleRate float64 `yaml:"throttle_rate"`
	// ThrottleRegions limits ThrottleRate to these regions ("" or empty:
	// every region), to simulate one busy region.
	ThrottleRegions []string `yaml:"throttle_regions"`
	// ThrottleServices limits ThrottleRate to these services (signing
	// names; empty: every service).
	ThrottleServices []string `yaml:"throttle_services"`
	// ThrottleFirst throttles the first N calls that ThrottleRegions and
	// ThrottleServices select, then none: a burst that shows the retryer at
	// work without slowing a whole run (the demo).
	ThrottleFirst int `yaml:"throttle_first"`
	// ServerErrorRate is the probability (0..1) of a 500 InternalError or
	// 503 ServiceUnavailable (half each).
	ServerErrorRate float64 `yaml:"server_error_rate"`
	// TokenBuckets throttles like EC2: token buckets per account+region and
	// action class (see buckets.go).
	TokenBuckets bool `yaml:"token_buckets"`
	// Deny makes matching calls fail with the protocol's access-denied error.
	Deny []DenyRule `yaml:"deny"`
	// Seed makes the random throttling and errors repeatable.
	Seed int64 `yaml:"seed"`
}

// DenyRule matches calls by account, region, service (signing name) and
// action. "" or "*" matches anything; Action may be a glob ("Describe*").
type DenyRule struct {
	Account string `yaml:"account"`
	Region  string `yaml:"region"`
	Service string `yaml:"service"`
	Action  string `yaml:"action"`
}

func (d DenyRule) matches(c *call) bool {
	return globOrAny(d.Account, c.Account) && globOrAny(d.Region, c.Region) &&
		globOrAny(d.Service, c.Service) && globOrAny(d.Action, c.Action)
}

func globOrAny(pattern, s string) bool { return pattern == "" || glob(pattern, s) }

// faultLayer holds the fault settings and their mutable state (random
// sequence, buckets) behind one mutex.
type faultLayer struct {
	mu      sync.Mutex
	f       Faults
	rng     *rand.Rand
	buckets map[bucketKey]*bucket
	// throttledFirst counts the calls ThrottleFirst has throttled.
	throttledFirst int
	now            func() time.Time
}

func newFaultLayer(f Faults, now func() time.Time) *faultLayer {
	l := &faultLayer{now: now}
	l.set(f)
	return l
}

func (l *faultLayer) set(f Faults) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f.Deny = append([]DenyRule(nil), f.Deny...)
	l.f = f
	l.rng = rand.New(rand.NewPCG(uint64(f.Seed), 0x5eed))
	l.buckets = map[bucketKey]*bucket{}
	l.throttledFirst = 0
}

// apply runs latency, throttling, server errors and deny rules, in the order
// a real front door would: a throttled call is never authorized.
func (l *faultLayer) apply(ctx context.Context, c *call, pe faultErrors) *apiError {
	l.mu.Lock()
	latency := l.f.Latency
	l.mu.Unlock()
	if latency > 0 {
		t := time.NewTimer(latency)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return copyErr(pe.unavailable)
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	selected := l.throttledRegion(c.Region) && l.throttledService(c.Service)
	if selected && l.throttledFirst < l.f.ThrottleFirst {
		l.throttledFirst++
		return copyErr(pe.throttle)
	}
	if l.f.ThrottleRate > 0 && selected && l.rng.Float64() < l.f.ThrottleRate {
		return copyErr(pe.throttle)
	}
	if l.f.TokenBuckets && !l.take(c) {
		return copyErr(pe.throttle)
	}
	if l.f.ServerErrorRate > 0 && l.rng.Float64() < l.f.ServerErrorRate {
		if l.rng.IntN(2) == 0 {
			return copyErr(pe.internal)
		}
		return copyErr(pe.unavailable)
	}
	for _, d := range l.f.Deny {
		if d.matches(c) {
			return pe.deny(c.Account, c.Service, c.Action)
		}
	}
	return nil
}

func (l *faultLayer) throttledRegion(region string) bool {
	return len(l.f.ThrottleRegions) == 0 || slices.Contains(l.f.ThrottleRegions, region)
}

func (l *faultLayer) throttledService(service string) bool {
	return len(l.f.ThrottleServices) == 0 || slices.Contains(l.f.ThrottleServices, service)
}

// glob matches '*' (any run) and '?' (one character). Unlike path.Match,
// '/' is ordinary, which matters for CIDR filter values.
func glob(pattern, s string) bool {
	p, n := []rune(pattern), []rune(s)
	pi, ni, star, mark := 0, 0, -1, 0
	for ni < len(n) {
		switch {
		case pi < len(p) && (p[pi] == '?' || p[pi] == n[ni]):
			pi++
			ni++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, ni
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			ni = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}
