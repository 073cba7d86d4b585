package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/demo"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/iostreams"
	"github.com/defaultsg/defaultsg/internal/sim"
)

// DemoOptions are the inputs of `defaultsg demo`.
type DemoOptions struct {
	IO  *iostreams.IOStreams
	Now func() time.Time

	Keep bool
}

// NewCmdDemo builds `demo`; runF, when not nil, replaces the run (tests).
func NewCmdDemo(f *Factory, runF func(*DemoOptions) error) *cobra.Command {
	opts := &DemoOptions{IO: f.IO, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Run the whole job on a simulated AWS account (no AWS needed)",
		Long: `Starts the AWS simulator in-process with a built-in scenario (several regions, customised
default groups, an IPv6 VPC, a group still in use, one throttled region) and runs the real
commands against it, printing what you would see. Needs no credentials and no network
beyond loopback.`,
		Example: `  defaultsg demo
  defaultsg demo --keep | less -R`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return demoRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Keep, "keep", false, "keep the demo's backup directory instead of deleting it")
	return cmd
}

func demoRun(ctx context.Context, opts *DemoOptions) error {
	sc, err := sim.ParseScenario(demo.Scenario)
	if err != nil {
		return fmt.Errorf("built-in demo scenario: %w", err)
	}
	srv, err := sim.New(sc)
	if err != nil {
		return err
	}
	url, err := srv.Start()
	if err != nil {
		return err
	}
	defer srv.Close()
	dir, err := os.MkdirTemp("", "defaultsg-demo-")
	if err != nil {
		return err
	}
	if !opts.Keep {
		defer os.RemoveAll(dir)
	}
	account := sc.Accounts()[0]
	cfg := awsx.StaticConfig(url, "us-east-1", srv.AccessKeyFor(account), "demo-secret")
	out := opts.IO.Out
	step := func(title, explain string, args ...string) int {
		// On a terminal the prose wraps to its width (reflow keeps it as
		// written in a pipe).
		width := opts.IO.TerminalWidth()
		fmt.Fprintf(out, "\n━━ %s\n%s\n\n$ defaultsg %s\n", reflow(title, width), reflow(explain, width), strings.Join(args, " "))
		// Each step is a fresh command line: its own global flags.
		sub := &Factory{IO: opts.IO, Global: &GlobalOptions{NoConfigFile: true}, Now: opts.Now,
			AWSConfig: func(context.Context) (aws.Config, error) { return cfg, nil }}
		code := Execute(ctx, sub, args)
		fmt.Fprintf(out, "(exit code %d)\n", code)
		return code
	}
	fmt.Fprintln(out, reflow(fmt.Sprintf("defaultsg sandbox: a simulated AWS account %s served at %s (in this process only).", account, url), opts.IO.TerminalWidth()))
	report := filepath.Join(os.TempDir(), "defaultsg-demo-report.html")
	for _, s := range demo.Steps(dir, report) {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		step(s.Title, s.Explain, s.Args...)
	}
	fmt.Fprint(out, demo.NextSteps)
	fmt.Fprintf(out, "\nThe HTML report is in %s (open it in a browser).\n", report)
	if opts.Keep {
		fmt.Fprintf(out, "\nThe demo's backup is kept in %s\n", dir)
	}
	if ctx.Err() != nil {
		return exitcode.NewStatus(exitcode.Cancelled, "cancelled")
	}
	return nil
}
