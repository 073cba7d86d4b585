package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/iampolicy"
	"github.com/defaultsg/defaultsg/internal/iostreams"
	"github.com/defaultsg/defaultsg/internal/report"
	"github.com/defaultsg/defaultsg/internal/services"
)

// IAMPolicyOptions are the inputs of `defaultsg iam-policy`.
type IAMPolicyOptions struct {
	IO *iostreams.IOStreams

	For string
	// Regions and Org narrow the policy to the run's regions and add what
	// --org needs (from the global flags).
	Regions   []string
	Org       bool
	Inventory bool // --inventory: reading the aggregator
}

// NewCmdIAMPolicy builds `iam-policy`; runF, when not nil, replaces the run (tests).
func NewCmdIAMPolicy(f *Factory, runF func(*IAMPolicyOptions) error) *cobra.Command {
	opts := &IAMPolicyOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "iam-policy",
		Short: "Print the least-privilege IAM policy a command needs",
		Example: `  defaultsg iam-policy --for audit
  defaultsg iam-policy --for close > close-policy.json`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.Regions, opts.Org, opts.Inventory = f.Global.SelectedRegions(), f.Global.Org, f.Global.Inventory != ""
			if runF != nil {
				return runF(opts)
			}
			return iamPolicyRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.For, "for", "all", "command: "+strings.Join(iampolicy.Commands, ", "))
	completeWith(cmd, "for", iampolicy.Commands...)
	return cmd
}

func iamPolicyRun(opts *IAMPolicyOptions) error {
	doc, err := iampolicy.Policy(opts.For, services.Finders(), iampolicy.Options{Regions: opts.Regions, Org: opts.Org, Inventory: opts.Inventory})
	if err != nil {
		return exitcode.Usagef(err)
	}
	return report.WriteJSON(opts.IO.Out, doc)
}
