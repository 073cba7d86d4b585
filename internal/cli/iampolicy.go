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
	Regions []string
	Org     bool
	// Backup (s3://…) and BackupKMSKey add the backup object's permissions.
	Backup       string
	BackupKMSKey string
	// SecurityHub adds securityhub:GetFindings (--from-securityhub,
	// verify --securityhub).
	SecurityHub bool
	Inventory   bool // --inventory: reading the aggregator
}

// NewCmdIAMPolicy builds `iam-policy`; runF, when not nil, replaces the run (tests).
func NewCmdIAMPolicy(f *Factory, runF func(*IAMPolicyOptions) error) *cobra.Command {
	opts := &IAMPolicyOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "iam-policy",
		Short: "Print the least-privilege IAM policy a command needs",
		Example: `  defaultsg iam-policy --for audit
  defaultsg iam-policy --for close > close-policy.json
  defaultsg iam-policy --for close --backup s3://my-backups/defaultsg/
  defaultsg iam-policy --for usage --securityhub`,
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
	cmd.Flags().StringVar(&opts.Backup, "backup", "", "s3://BUCKET/KEY or s3://BUCKET/PREFIX/ the backup goes to: adds s3:PutObject/GetObject on it")
	cmd.Flags().StringVar(&opts.BackupKMSKey, "backup-kms-key", "", "KMS key of an s3:// backup: adds kms:GenerateDataKey/Decrypt on it")
	cmd.Flags().BoolVar(&opts.SecurityHub, "securityhub", false, "add what --from-securityhub and verify --securityhub read (securityhub:GetFindings)")
	completeWith(cmd, "for", iampolicy.Commands...)
	return cmd
}

func iamPolicyRun(opts *IAMPolicyOptions) error {
	doc, err := iampolicy.Policy(opts.For, services.Finders(), iampolicy.Options{Regions: opts.Regions, Org: opts.Org,
		Backup: opts.Backup, BackupKMSKey: opts.BackupKMSKey, SecurityHub: opts.SecurityHub, Inventory: opts.Inventory})
	if err != nil {
		return exitcode.Usagef(err)
	}
	return report.WriteJSON(opts.IO.Out, doc)
}
