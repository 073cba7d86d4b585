package cli

import (
	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/iampolicy"
	"github.com/defaultsg/defaultsg/internal/report"
	"github.com/defaultsg/defaultsg/internal/services"
)

func newCmdIAMPolicy(f *Factory) *cobra.Command {
	var forCmd string
	cmd := &cobra.Command{
		Use:   "iam-policy",
		Short: "Print the least-privilege IAM policy a command needs",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			doc, err := iampolicy.Policy(forCmd, services.Finders(), iampolicy.Options{Regions: awsx.ParseRegions(f.Global.Regions), Org: f.Global.Org})
			if err != nil {
				return exitcode.Usagef(err)
			}
			return report.WriteJSON(f.IO.Out, doc)
		},
	}
	cmd.Flags().StringVar(&forCmd, "for", "all", "command: audit, usage, close, restore, plan, apply or all")
	return cmd
}
