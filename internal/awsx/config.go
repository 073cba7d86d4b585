// Package awsx is the AWS access layer: one base configuration per account
// (standard credential chain, one retryer), the list of regions to visit, the
// classifier that turns API errors into skip/deny/retry/fail, and the bounded
// pool that runs account × region × task work.
package awsx

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// Options select credentials and endpoints. Zero values mean "the SDK's
// standard behaviour" (env vars, shared config, SSO, assume-role profiles).
type Options struct {
	Profile     string
	Region      string // home region: used for global calls (STS, DescribeRegions)
	EndpointURL string // simulator / LocalStack; also honoured via AWS_ENDPOINT_URL
	MaxAttempts int    // retry attempts per call, 0 = default (10)
	// CallTimeout bounds one attempt of one call, 0 = DefaultCallTimeout
	// (see timeouts.go).
	CallTimeout time.Duration
}

// DefaultHomeRegion is used when neither --region nor the profile/env set one.
const DefaultHomeRegion = "us-east-1"

// LoadBase builds the base configuration for the caller's account. It is built
// once per account and copied per region (Config.Copy + Region).
func LoadBase(ctx context.Context, o Options) (aws.Config, error) {
	maxAttempts := o.MaxAttempts
	if maxAttempts <= 0 {
		maxAttempts = 10
	}
	loadOpts := []func(*config.LoadOptions) error{
		config.WithRetryer(func() aws.Retryer { return newRetryer(maxAttempts) }),
		config.WithHTTPClient(newHTTPClient(o.CallTimeout)),
		config.WithAPIOptions(callGuards(o.CallTimeout)),
	}
	if o.Profile != "" {
		loadOpts = append(loadOpts, config.WithSharedConfigProfile(o.Profile))
	}
	if o.Region != "" {
		loadOpts = append(loadOpts, config.WithRegion(o.Region))
	}
	if o.EndpointURL != "" {
		if err := CheckEndpoint(o.EndpointURL); err != nil {
			return aws.Config{}, err
		}
		loadOpts = append(loadOpts, config.WithBaseEndpoint(o.EndpointURL))
	}
	cfg, err := config.LoadDefaultConfig(ctx, loadOpts...)
	if err != nil {
		return aws.Config{}, fmt.Errorf("loading AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		cfg.Region = DefaultHomeRegion
	}
	if cfg.BaseEndpoint == nil {
		if env := os.Getenv("AWS_ENDPOINT_URL"); env != "" {
			if err := CheckEndpoint(env); err != nil {
				return aws.Config{}, err
			}
		}
	}
	return cfg, nil
}

// newRetryer is the one retry policy: the SDK's adaptive mode (client-side
// rate limiting on throttling errors) over standard exponential backoff with
// jitter.
func newRetryer(maxAttempts int) aws.Retryer {
	return retry.NewAdaptiveMode(func(ao *retry.AdaptiveModeOptions) {
		ao.StandardOptions = append(ao.StandardOptions, func(so *retry.StandardOptions) {
			so.MaxAttempts = maxAttempts
			so.MaxBackoff = 20 * time.Second
			// The standard retry quota (500 tokens per client) can run dry in
			// a long, throttled run and fail calls that would have succeeded;
			// attempts are already bounded above.
			so.RateLimiter = ratelimit.None
		})
	})
}

// newHTTPClient is the SDK's client with an idle pool as large as the work
// pool. The SDK keeps 10 idle connections per host: with more calls than
// that in flight to one endpoint (STS, or a busy region's EC2 in an org run)
// every call beyond 10 opened a new connection (a TLS handshake on AWS) and
// closed it after; a 500-account run left thousands in TIME_WAIT.
func newHTTPClient(callTimeout time.Duration) *awshttp.BuildableClient {
	call := callTimeoutOr(callTimeout)
	return awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
		// Audit units issue two calls at once, hence twice the pool.
		t.MaxIdleConns = 2 * HostConcurrency()
		t.MaxIdleConnsPerHost = 2 * HostConcurrency()
		t.TLSHandshakeTimeout = min(call, TLSHandshakeTimeout)
		t.ResponseHeaderTimeout = call
	}).WithDialerOptions(func(d *net.Dialer) {
		d.Timeout = min(call, DialTimeout)
	}).WithTimeout(call)
}

// StaticConfig builds a configuration with fixed credentials for an endpoint,
// ignoring the environment and shared config: the sandbox and tests use it
// so that no real AWS profile can ever be picked up.
func StaticConfig(endpoint, region, accessKeyID, secret string) aws.Config {
	return aws.Config{
		Region:       region,
		Credentials:  credentials.NewStaticCredentialsProvider(accessKeyID, secret, ""),
		BaseEndpoint: aws.String(endpoint),
		Retryer:      func() aws.Retryer { return newRetryer(10) },
		HTTPClient:   newHTTPClient(0),
		APIOptions:   callGuards(0),
	}
}

// ForRegion returns a copy of base that targets region.
func ForRegion(base aws.Config, region string) aws.Config {
	c := base.Copy()
	c.Region = region
	return c
}

// CheckEndpoint rejects endpoint URLs that are not http(s) URLs.
func CheckEndpoint(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("invalid endpoint URL %q: want http(s)://host[:port]", raw)
	}
	return nil
}

// ParseRegions splits a comma-separated --regions value, trimming blanks.
func ParseRegions(s string) []string {
	var out []string
	for _, r := range strings.Split(s, ",") {
		if r = strings.TrimSpace(r); r != "" {
			out = append(out, r)
		}
	}
	return out
}
