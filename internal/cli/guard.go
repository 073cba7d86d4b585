package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/guard"
	"github.com/defaultsg/defaultsg/internal/iostreams"
)

// GuardOptions are the inputs of `defaultsg guard` (rendering).
type GuardOptions struct {
	IO *iostreams.IOStreams

	Output string // cloudformation or terraform
	Out    string
	Deploy guard.Deploy
	// Org (global --org, --ou, --regions): a StackSet for the organization.
	Org bool
}

var guardFormats = []string{"cloudformation", "terraform"}

// NewCmdGuard builds `guard` and its `handle` subcommand; runF, when not
// nil, replaces the rendering run (tests).
func NewCmdGuard(f *Factory, runF func(*GuardOptions) error) *cobra.Command {
	opts := &GuardOptions{IO: f.IO}
	d := &opts.Deploy
	var mode string
	cmd := &cobra.Command{
		Use:   "guard",
		Short: "Render the guard that keeps default groups closed (CloudFormation, Terraform, StackSet)",
		Long: `Prints deployable infrastructure that keeps every VPC default security group closed
after close: an EventBridge rule on CloudTrail's AuthorizeSecurityGroupIngress/Egress,
ModifySecurityGroupRules and CreateVpc calls invokes a Lambda function running this binary
(guard handle), which re-reads the group and, when it is a VPC's default group, revokes exactly
the rules the call added (a new VPC's default group: all its rules), after writing them to a
backup record in the function's log (with --backup-bucket also an S3 object, read back before
the revoke); then notifies the SNS topic, if one is given.
--mode report only notifies. The function's role is least privilege (iam-policy's tables).

-o cloudformation (default) is one account and region; with --org --ou OU,... --regions R,...
it is a service-managed StackSet for every account under the OUs (and accounts that join them).
-o terraform is a module for the provider's account and region. --lockdown also closes every
VPC's default group when deployed (Terraform: aws_default_security_group without rules for
every VPC; CloudFormation, which has no resource for it: a custom resource run by the same
function). Use it only where nothing uses the default groups (defaultsg usage). Reads nothing
from AWS. docs/GUARD.md.`,
		Example: `  defaultsg guard > guard.yaml
  defaultsg guard -o terraform --sns-topic-arn "$TOPIC_ARN" --out guard.tf
  defaultsg guard --mode report --arch x86_64
  defaultsg --org --ou r-ab12 --regions us-east-1,eu-west-1 guard > org.yaml`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			d.Mode = guard.Mode(mode)
			opts.Org = f.Global.Org
			if opts.Org {
				d.OUs, d.Regions = f.Global.OUs, f.Global.SelectedRegions()
			}
			if runF != nil {
				return runF(opts)
			}
			return guardRun(opts)
		},
	}
	fl := cmd.Flags()
	addOutputFlags(cmd, &opts.Output, &opts.Out, guardFormats...)
	fl.StringVar(&mode, "mode", string(guard.Enforce), "enforce (revoke, back up, notify) or report (notify only)")
	completeWith(cmd, "mode", string(guard.Enforce), string(guard.Report))
	fl.StringVar(&d.Arch, "arch", "arm64", "the function's architecture: "+strings.Join(guard.Architectures, ", "))
	completeWith(cmd, "arch", guard.Architectures...)
	fl.StringVar(&d.FunctionName, "function-name", "defaultsg-guard", "the Lambda function's name")
	fl.StringVar(&d.TopicARN, "sns-topic-arn", "", "notify this SNS topic (the role may publish to it only)")
	fl.StringVar(&d.BackupBucket, "backup-bucket", "", "also write backup records to this S3 bucket (the role may put objects under --backup-prefix only)")
	fl.StringVar(&d.BackupPrefix, "backup-prefix", "defaultsg-guard/", "key prefix of backup objects in --backup-bucket")
	fl.IntVar(&d.LogRetentionDays, "log-retention-days", 365, "keep the function's log (which holds the backup records) this many days")
	fl.BoolVar(&d.Lockdown, "lockdown", false, "also close every VPC's default group at deploy time")
	cmd.AddCommand(NewCmdGuardHandle(f, nil))
	return cmd
}

func guardRun(opts *GuardOptions) error {
	if err := checkFormat(opts.Output, guardFormats...); err != nil {
		return err
	}
	if err := opts.Deploy.Check(); err != nil {
		return exitcode.Usagef(err)
	}
	var write func(io.Writer, guard.Deploy) error
	switch {
	case opts.Org && opts.Output == "terraform":
		return exitcode.Usagef(fmt.Errorf("--org renders a CloudFormation StackSet; for Terraform, apply the module in each account and region (one provider alias each)"))
	case opts.Org:
		if len(opts.Deploy.OUs) == 0 || len(opts.Deploy.Regions) == 0 {
			return exitcode.Usagef(guard.ErrNoOUs)
		}
		write = guard.WriteStackSet
	case opts.Output == "terraform":
		write = guard.WriteTerraform
	default:
		write = guard.WriteCloudFormation
	}
	return writeOut(opts.IO, opts.Out, func(ios *iostreams.IOStreams) error {
		return write(ios.Out, opts.Deploy)
	})
}
