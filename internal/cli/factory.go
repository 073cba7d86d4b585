package cli

import (
	"context"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/iostreams"
)

// GlobalOptions are the flags every AWS-facing command shares.
type GlobalOptions struct {
	Profile     string
	Region      string
	EndpointURL string
	Regions     string
	Concurrency int
	Quiet       bool
	CallTimeout time.Duration

	// Multi-account selection (see resolveScope).
	Org             bool
	OUs             []string
	Accounts        []string
	ExcludeAccounts []string
	RoleName        string
	ExternalID      string
	SessionName     string
	RoleDuration    time.Duration
	Profiles        []string
}

// Factory supplies commands with their dependencies, lazily, so tests can
// replace any of them.
type Factory struct {
	IO     *iostreams.IOStreams
	Global *GlobalOptions
	Now    func() time.Time

	// AWSConfig returns the caller's base configuration, built once.
	AWSConfig func(ctx context.Context) (aws.Config, error)
}

// NewFactory wires the real dependencies.
func NewFactory(ios *iostreams.IOStreams) *Factory {
	f := &Factory{IO: ios, Global: &GlobalOptions{}, Now: time.Now}
	var (
		once sync.Once
		cfg  aws.Config
		err  error
	)
	f.AWSConfig = func(ctx context.Context) (aws.Config, error) {
		once.Do(func() {
			cfg, err = awsx.LoadBase(ctx, awsx.Options{
				Profile:     f.Global.Profile,
				Region:      f.Global.Region,
				EndpointURL: f.Global.EndpointURL,
				CallTimeout: f.Global.CallTimeout,
			})
		})
		return cfg, err
	}
	return f
}
