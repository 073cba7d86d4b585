// Package cli holds one file per defaultsg command, in cli/cli's shape:
// NewCmdX(f, runF) parses flags into an XOptions that also carries the
// dependencies the run uses (IO streams, the AWS scope, clock, prompter),
// copied from the Factory; xRun(ctx, opts) never sees the Factory, and a
// test's runF stops after parsing. Domain logic lives in the engines
// (audit, usage, plan, apply, verify, …); this package turns flags into
// their inputs and their results into output and exit codes.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/buildinfo"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/iostreams"
)

// Main runs defaultsg with args on the process's streams and returns the exit
// code.
func Main(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The first signal cancels the run; a second one kills at once.
	go func() { <-ctx.Done(); stop() }()
	return Execute(ctx, NewFactory(iostreams.System()), args)
}

// usageError makes cobra's own command-line errors usage errors: it types
// flag errors (see flagError) but not an unknown command.
func usageError(err error) error {
	if err != nil && strings.HasPrefix(err.Error(), "unknown command ") {
		return exitcode.Usagef(err)
	}
	return err
}

// Execute runs the command tree with f's dependencies; tests call it directly.
func Execute(ctx context.Context, f *Factory, args []string) int {
	root := NewRootCmd(f)
	root.SetArgs(args)
	root.SetIn(f.IO.In)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	return finish(ctx, f.IO.ErrOut, explain(usageError(root.ExecuteContext(ctx))))
}

// finish prints what a command's error means and returns its exit code.
func finish(ctx context.Context, errOut io.Writer, err error) int {
	if errors.Is(err, context.Canceled) && ctx.Err() == nil {
		// Nobody interrupted the run: a cancellation from inside is a
		// fault to report as one, never "Interrupted" and exit 130.
		fmt.Fprintf(errOut, "Error: %v (cancelled from within defaultsg, not by a signal: please report this)\n", err)
		return exitcode.Error
	}
	code := exitcode.Of(err)
	var st *exitcode.Status
	switch {
	case err == nil:
	case errors.As(err, &st):
		// The report is already printed; the status line explains the code.
		if st.Message != "" {
			fmt.Fprintln(errOut, st.Message)
		}
	case code == exitcode.Cancelled:
		fmt.Fprintln(errOut, "Interrupted: stopped before the work was complete; what is printed above is all that is known. Re-run to finish.")
	default:
		fmt.Fprintln(errOut, "Error:", err)
	}
	return code
}

// NewRootCmd builds the command tree.
func NewRootCmd(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "defaultsg",
		Short: "Close the default security group of every VPC without an outage",
		Long: `defaultsg makes every VPC's default security group rule-free (Security Hub
EC2.2, CIS) without an outage: it audits the groups, finds everything that
uses them, moves those users onto replacement groups, verifies, then revokes
the rules with a backup it can restore exactly.

Read-only unless a command says otherwise. Try it without AWS: defaultsg demo`,
		Version:       buildinfo.Long(),
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			f.IO.Quiet, f.IO.Wide = f.Global.Quiet, f.Global.Wide
			if err := checkEmptyLists(cmd); err != nil {
				return err
			}
			if f.Global.EndpointURL != "" {
				if err := awsx.CheckEndpoint(f.Global.EndpointURL); err != nil {
					return exitcode.Usagef(err)
				}
			}
			if f.Global.Org && len(f.Global.Profiles) > 0 {
				return exitcode.Usagef(fmt.Errorf("--org and --profiles are alternatives; give one"))
			}
			if !f.Global.Org && (len(f.Global.OUs) > 0 || len(f.Global.Accounts) > 0 || len(f.Global.ExcludeAccounts) > 0) {
				return exitcode.Usagef(fmt.Errorf("--ou, --accounts and --exclude-accounts need --org"))
			}
			if f.Global.CallTimeout <= 0 {
				return exitcode.Usagef(fmt.Errorf("--call-timeout must be positive"))
			}
			if f.Global.regionConflict() {
				return exitcode.Usagef(fmt.Errorf("--region %s is not among --regions %s: give --region alone to work in one region, or --regions to list them", f.Global.Region, f.Global.Regions))
			}
			if f.Global.Concurrency < 0 {
				return exitcode.Usagef(fmt.Errorf("--concurrency must be positive"))
			}
			return loadConfig(cmd, f)
		},
	}
	root.SetFlagErrorFunc(flagError)
	root.SetVersionTemplate("defaultsg {{.Version}}\n")
	root.SetUsageTemplate(wrapFlagUsages(root.UsageTemplate()) + exitCodesHelp())
	root.SetHelpTemplate(strings.Replace(root.HelpTemplate(), "{{. | trimTrailingWhitespaces}}", "{{reflow . | trimTrailingWhitespaces}}", 1))
	cobra.AddTemplateFunc("reflow", func(s string) string { return reflow(s, f.IO.TerminalWidth()) })
	cobra.AddTemplateFunc("wrappedFlagUsages", func(fs *pflag.FlagSet) string {
		// On a terminal, flag help wraps to its width; elsewhere it is whole.
		return strings.TrimRight(fs.FlagUsagesWrapped(f.IO.TerminalWidth()), " \n")
	})
	pf := root.PersistentFlags()
	pf.StringVar(&f.Global.Profile, "profile", "", "AWS shared-config profile (default: the standard credential chain)")
	pf.StringVar(&f.Global.Region, "region", "", "work in this region only, and use it for global calls (default home region: profile/env, else us-east-1)")
	pf.StringVar(&f.Global.EndpointURL, "endpoint-url", "", "send every AWS call to this endpoint (simulator, LocalStack); AWS_ENDPOINT_URL also works")
	pf.StringVar(&f.Global.Regions, "regions", "", "comma-separated regions to visit (default: --region, else every region enabled for the account)")
	// Region names complete from AWS's commercial regions (a region the
	// account has not enabled is still refused at run time).
	_ = root.RegisterFlagCompletionFunc("region", cobra.FixedCompletions(awsRegions, cobra.ShellCompDirectiveNoFileComp))
	_ = root.RegisterFlagCompletionFunc("regions", cobra.FixedCompletions(awsRegions, cobra.ShellCompDirectiveNoFileComp))
	pf.IntVar(&f.Global.Concurrency, "concurrency", 0, fmt.Sprintf("global limit of AWS work in flight, over per-account-region (%d) and per-service (%d) limits (default %d for one account, %d on this host for several)",
		awsx.DefaultPerAccountRegion, awsx.DefaultPerService, awsx.DefaultConcurrency, awsx.HostConcurrency()))
	pf.DurationVar(&f.Global.CallTimeout, "call-timeout", awsx.DefaultCallTimeout, "give up one attempt of an AWS call after this long (it is retried; the call with retries gives up after 4 times this)")
	pf.BoolVarP(&f.Global.Quiet, "quiet", "q", false, "no progress or informational messages on stderr")
	pf.BoolVar(&f.Global.Wide, "wide", false, "on a terminal, print tables at full width instead of wrapping them to fit")
	pf.BoolVar(&f.Global.Org, "org", false, "every active account of the AWS Organization (run with management-account credentials)")
	pf.StringSliceVar(&f.Global.OUs, "ou", nil, "with --org: only accounts under these organizational units (recursively)")
	pf.StringSliceVar(&f.Global.Accounts, "accounts", nil, "with --org: only these account ids")
	pf.StringSliceVar(&f.Global.ExcludeAccounts, "exclude-accounts", nil, "with --org: skip these account ids")
	pf.StringVar(&f.Global.RoleName, "role-name", awsx.DefaultRoleName, "with --org: role to assume in each member account")
	pf.StringVar(&f.Global.ExternalID, "external-id", "", "with --org: external id for the assumed role")
	pf.StringVar(&f.Global.SessionName, "role-session-name", "defaultsg", "with --org: session name for the assumed role")
	pf.DurationVar(&f.Global.RoleDuration, "role-duration", time.Hour, "with --org: assumed-role session duration")
	pf.StringSliceVar(&f.Global.Profiles, "profiles", nil, "one account per shared-config profile (alternative to --org)")
	pf.StringVar(&f.Global.Inventory, "inventory", "", "usage, plan, audit, report: read what AWS Config records through this aggregator (config:NAME or config:NAME@REGION) where it records it, directly elsewhere; close and apply always read directly")
	pf.StringVar(&f.Global.ConfigFile, "config-file", "", "config file of flag defaults and protected accounts (default: "+DefaultConfigFile+" if present)")

	root.AddCommand(
		NewCmdAudit(f, nil),
		NewCmdClose(f, nil),
		NewCmdRestore(f, nil),
		NewCmdUsage(f, nil),
		NewCmdPlan(f, nil),
		NewCmdApply(f, nil),
		NewCmdRollback(f, nil),
		NewCmdVerify(f, nil),
		NewCmdIAMPolicy(f, nil),
		NewCmdGuard(f, nil),
		NewCmdScan(f, nil),
		NewCmdSim(f, nil),
		NewCmdDemo(f, nil),
		NewCmdReport(f, nil),
		NewCmdMan(f, nil),
		NewCmdVersion(f, nil),
	)
	return root
}

// usageArgs wraps cobra's positional-argument validators as usage errors.
func usageArgs(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := v(cmd, args); err != nil {
			return exitcode.Usagef(err)
		}
		return nil
	}
}

// awsRegions are AWS's commercial regions, for shell completion only.
var awsRegions = []string{"af-south-1", "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1",
	"ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7",
	"ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1",
	"eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1",
	"us-east-2", "us-west-1", "us-west-2"}
