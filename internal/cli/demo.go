package cli

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/demo"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/sim"
)

func newCmdDemo(f *Factory) *cobra.Command {
	var keep bool
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Run the whole job on a built-in simulated AWS account (no AWS needed)",
		Long: `Starts the AWS simulator in-process with a built-in scenario (several regions, customised
default groups, an IPv6 VPC, a group still in use, one throttled region) and runs the real
commands against it, printing what you would see. Needs no credentials and no network
beyond loopback.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error { return runDemo(cmd.Context(), f, keep) },
	}
	cmd.Flags().BoolVar(&keep, "keep", false, "keep the demo's backup directory instead of deleting it")
	return cmd
}

func runDemo(ctx context.Context, f *Factory, keep bool) error {
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
	if !keep {
		defer os.RemoveAll(dir)
	}
	account := sc.Accounts()[0]
	cfg := awsx.StaticConfig(url, "us-east-1", srv.AccessKeyFor(account), "demo-secret")
	out := f.IO.Out
	step := func(title, explain string, args ...string) int {
		fmt.Fprintf(out, "\n━━ %s\n%s\n\n$ defaultsg %s\n", title, explain, strings.Join(args, " "))
		sub := &Factory{IO: f.IO, Global: &GlobalOptions{}, Now: f.Now,
			AWSConfig: func(context.Context) (aws.Config, error) { return cfg, nil }}
		code := Execute(ctx, sub, args)
		fmt.Fprintf(out, "(exit code %d)\n", code)
		return code
	}
	fmt.Fprintf(out, "defaultsg sandbox: a simulated AWS account %s served at %s (in this process only).\n", account, url)
	for _, s := range demo.Steps(dir) {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		step(s.Title, s.Explain, s.Args...)
	}
	fmt.Fprint(out, demo.NextSteps)
	if keep {
		fmt.Fprintf(out, "\nThe demo's backup is kept in %s\n", dir)
	}
	if ctx.Err() != nil {
		return exitcode.NewStatus(exitcode.Cancelled, "cancelled")
	}
	return nil
}
