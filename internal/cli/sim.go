package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/iostreams"
	"github.com/defaultsg/defaultsg/internal/sim"
)

// SimOptions are the inputs of `defaultsg sim`.
type SimOptions struct {
	IO *iostreams.IOStreams
	// FaultsChanged is set when a fault flag was given: it overrides the
	// scenario's faults.
	FaultsChanged bool

	Scenario     string
	Listen       string
	Latency      time.Duration
	ThrottleRate float64
	TokenBuckets bool
	ErrorRate    float64
	Seed         int64
	Log          bool
}

// NewCmdSim builds `sim`; runF, when not nil, replaces the run (tests).
func NewCmdSim(f *Factory, runF func(*SimOptions) error) *cobra.Command {
	opts := &SimOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "sim",
		Short: "Serve the AWS simulator on a loopback port",
		Long: `Serves a simulated AWS (EC2, STS, Organizations and every service whose resources can use
a security group, each in its real wire protocol) on a loopback address until interrupted.
Point any AWS client at it with --endpoint-url and the access key printed
for an account (any secret works). The state comes from a YAML scenario (docs/SCENARIOS.md);
without --scenario it is one account with a default VPC in each of the 17 standard regions.
Fault flags override the scenario's.`,
		Example: `  defaultsg sim
  defaultsg sim --scenario scenarios/demo-like.yaml --throttle-rate 0.2`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			fl := cmd.Flags()
			opts.FaultsChanged = fl.Changed("latency") || fl.Changed("throttle-rate") || fl.Changed("token-buckets") || fl.Changed("error-rate")
			if runF != nil {
				return runF(opts)
			}
			return simRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Scenario, "scenario", "", "scenario YAML file (default: built-in standard scenario)")
	fl.StringVar(&opts.Listen, "listen", "127.0.0.1:4566", "loopback address to listen on (port 0 picks a free one)")
	fl.DurationVar(&opts.Latency, "latency", 0, "added latency per call, e.g. 80ms")
	fl.Float64Var(&opts.ThrottleRate, "throttle-rate", 0, "fraction of calls answered with a throttling error (0-1)")
	fl.BoolVar(&opts.TokenBuckets, "token-buckets", false, "throttle like EC2: per account-region token buckets")
	fl.Float64Var(&opts.ErrorRate, "error-rate", 0, "fraction of calls answered with a 5xx error (0-1)")
	fl.Int64Var(&opts.Seed, "seed", 1, "seed of the fault generator")
	fl.BoolVar(&opts.Log, "log", false, "log every request to stderr")
	return cmd
}

func simRun(ctx context.Context, opts *SimOptions) error {
	if opts.ThrottleRate < 0 || opts.ThrottleRate > 1 || opts.ErrorRate < 0 || opts.ErrorRate > 1 {
		return exitcode.Usagef(fmt.Errorf("--throttle-rate and --error-rate are fractions between 0 and 1"))
	}
	sc := sim.DefaultScenario()
	if opts.Scenario != "" {
		var err error
		if sc, err = sim.LoadScenario(opts.Scenario); err != nil {
			return exitcode.Usagef(err)
		}
	}
	var simOpts []sim.Option
	if opts.Log {
		simOpts = append(simOpts, sim.WithLogger(opts.IO.ErrOut))
	}
	srv, err := sim.New(sc, simOpts...)
	if err != nil {
		return exitcode.Usagef(err)
	}
	if opts.FaultsChanged {
		faults := sc.Faults
		faults.Latency, faults.ThrottleRate, faults.TokenBuckets = opts.Latency, opts.ThrottleRate, opts.TokenBuckets
		faults.ServerErrorRate, faults.Seed = opts.ErrorRate, opts.Seed
		srv.SetFaults(faults)
	}
	url, err := srv.StartOn(opts.Listen)
	if err != nil {
		return exitcode.Usagef(err)
	}
	defer srv.Close()
	fmt.Fprintf(opts.IO.Out, "defaultsg simulator listening on %s\n", url)
	accounts := sc.Accounts()
	for i, a := range accounts {
		if i == 5 && len(accounts) > 6 { // generated organizations have thousands
			fmt.Fprintf(opts.IO.Out, "  ... and %d more accounts (AWS_ACCESS_KEY_ID=AKIASIMX<account id>)\n", len(accounts)-i)
			break
		}
		fmt.Fprintf(opts.IO.Out, "  account %s: AWS_ACCESS_KEY_ID=%s (any secret)\n", a, srv.AccessKeyFor(a))
	}
	fmt.Fprintf(opts.IO.Out, "Call statistics: curl %s/_sim/stats\n", url)
	fmt.Fprintf(opts.IO.Out, "Try: AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=x defaultsg --endpoint-url %s audit\n", srv.AccessKeyFor(sc.Accounts()[0]), url)
	<-ctx.Done()
	return nil
}
