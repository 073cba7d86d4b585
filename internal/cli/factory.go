package cli

import (
	"context"
	"slices"
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
	Wide        bool

	// ConfigFile is --config-file; NoConfigFile ignores .defaultsg.yaml (the
	// demo's own runs).
	ConfigFile   string
	NoConfigFile bool

	// Multi-account selection (see Factory.Scope).
	Org             bool
	OUs             []string
	Accounts        []string
	ExcludeAccounts []string
	RoleName        string
	ExternalID      string
	SessionName     string
	RoleDuration    time.Duration
	Profiles        []string

	// Inventory is --inventory: config:AGGREGATOR reads the resources that
	// hold groups through an AWS Config aggregator (docs/INVENTORY.md).
	Inventory string
}

// SelectedRegions are the regions the flags scope the run to: --regions, or
// else --region alone (as in the AWS CLI, --region means "act here"); nil
// means every region enabled for the account.
func (g *GlobalOptions) SelectedRegions() []string {
	if rs := awsx.ParseRegions(g.Regions); len(rs) > 0 {
		return rs
	}
	if g.Region != "" {
		return []string{g.Region}
	}
	return nil
}

// regionConflict reports --region naming a region --regions leaves out: the
// user asked for two different scopes.
func (g *GlobalOptions) regionConflict() bool {
	rs := awsx.ParseRegions(g.Regions)
	return g.Region != "" && len(rs) > 0 && !slices.Contains(rs, g.Region)
}

// MultiAccount reports whether --org or --profiles selects the accounts.
func (g *GlobalOptions) MultiAccount() bool { return g.Org || len(g.Profiles) > 0 }

// Factory supplies commands with their dependencies, lazily, so tests can
// replace any of them. Commands copy what they need into their options;
// run functions never see the Factory.
type Factory struct {
	IO     *iostreams.IOStreams
	Global *GlobalOptions
	Now    func() time.Time
	// Config is the config file, read before the command runs (never nil
	// in a run).
	Config *Config

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

// Prompter asks the user to confirm a change.
type Prompter interface {
	Confirm(question string) (bool, error)
}

// config is the config file read for this run, or an empty one (a command
// built without the root, in tests).
func (f *Factory) config() *Config {
	if f.Config == nil {
		return &Config{}
	}
	return f.Config
}
