package cli

import (
	"context"
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/buildinfo"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/iac/model"
	"github.com/defaultsg/defaultsg/internal/iac/output"
	"github.com/defaultsg/defaultsg/internal/iac/rules"
	"github.com/defaultsg/defaultsg/internal/iac/scan"
	"github.com/defaultsg/defaultsg/internal/iostreams"
)

// ScanOptions are the inputs of `defaultsg scan`.
type ScanOptions struct {
	IO *iostreams.IOStreams

	Paths       []string
	Output      string
	OutFile     string
	FailOn      string
	Excludes    []string
	MaxFileSize int64
	ListRules   bool
}

// NewCmdScan builds `scan`; runF, when not nil, replaces the run (tests).
func NewCmdScan(f *Factory, runF func(*ScanOptions) error) *cobra.Command {
	opts := &ScanOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "scan [path...]",
		Short: "Find default-group use in CloudFormation, SAM, CDK and Terraform",
		Long: `scan reads infrastructure code (no AWS calls) and reports where it puts rules on a VPC's
default security group, places resources in it, uses it as a peer, exports it, or switches its
lockdown off. Paths are files or directories (default "."); directories are searched recursively
for .yaml, .yml, .json, .template, .tf and .tf.json files.

Silence one finding with a comment on its line or the line above its resource:
  # defaultsg:ignore DSG002 legacy bastion, removed in Q3

Exit codes of scan: 0 clean, 3 findings at or above --fail-on, 4 a file could not be parsed
(wins over 3), 2 usage. Rules and formats: docs/SCAN.md.`,
		Example: `  defaultsg scan .
  defaultsg scan infra/ cdk.out --exclude 'legacy/**' -o sarif > defaultsg.sarif
  defaultsg scan --list-rules`,
		RunE: func(cmd *cobra.Command, args []string) error {
			defaultStrings(cmd, "exclude", &opts.Excludes, f.config().Scan.Exclude)
			opts.Paths = args
			if len(opts.Paths) == 0 {
				opts.Paths = []string{"."}
			}
			if runF != nil {
				return runF(opts)
			}
			return scanRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	addOutputFlags(cmd, &opts.Output, &opts.OutFile, output.Formats()...)
	fl.StringVar(&opts.FailOn, "fail-on", "medium", "lowest severity that makes the exit code 3: low, medium, high, or never")
	fl.StringSliceVar(&opts.Excludes, "exclude", nil, "glob of paths to skip, relative to each scanned directory (repeatable; '**' spans directories)")
	fl.Int64Var(&opts.MaxFileSize, "max-file-size", model.DefaultLimits().MaxBytes, "refuse files larger than this many bytes (reported as parse errors)")
	fl.BoolVar(&opts.ListRules, "list-rules", false, "print the rules and exit")
	completeWith(cmd, "fail-on", "low", "medium", "high", "never")
	return cmd
}

func scanRun(ctx context.Context, opts *ScanOptions) error {
	if opts.ListRules {
		for _, r := range rules.All() {
			if _, err := fmt.Fprintf(opts.IO.Out, "%s  %-6s  %-30s %s\n", r.ID, r.Severity, r.Name, r.Summary); err != nil {
				return err
			}
		}
		return nil
	}
	if err := checkFormat(opts.Output, output.Formats()...); err != nil {
		return err
	}
	w, err := output.New(opts.Output)
	if err != nil {
		return exitcode.Usagef(err)
	}
	failOn, never := model.Severity(0), opts.FailOn == "never"
	if !never {
		if failOn, err = model.ParseSeverity(opts.FailOn); err != nil || failOn == model.Info {
			return exitcode.Usagef(fmt.Errorf("--fail-on %q: want low, medium, high or never", opts.FailOn))
		}
	}
	if opts.MaxFileSize <= 0 {
		return exitcode.Usagef(fmt.Errorf("--max-file-size must be positive"))
	}
	if err := scan.ValidateExcludes(opts.Excludes); err != nil {
		return exitcode.Usagef(err)
	}
	lim := model.DefaultLimits()
	lim.MaxBytes = opts.MaxFileSize
	res, err := scan.Run(ctx, scan.Options{Paths: opts.Paths, Excludes: opts.Excludes, Limits: lim})
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		return exitcode.Usagef(err)
	}
	err = writeOut(opts.IO, opts.OutFile, func(ios *iostreams.IOStreams) error {
		return w.Write(ios.Out, &output.Report{Result: res, Rules: rules.All(), ToolVersion: buildinfo.String()})
	})
	if err != nil {
		return err
	}
	return scanStatus(res, failOn, never)
}

// scanStatus picks the exit code. Parse errors win over findings: the
// findings of an incomplete scan are a lower bound, and CI must not pass a
// tree it could not read.
func scanStatus(res *scan.Result, failOn model.Severity, never bool) error {
	failing := 0
	if !never {
		failing = len(slices.DeleteFunc(slices.Clone(res.Findings), func(f model.Finding) bool { return f.Severity < failOn }))
	}
	switch {
	case len(res.Errors) > 0:
		return exitcode.NewStatus(exitcode.Incomplete, fmt.Sprintf("incomplete: %d files could not be parsed (listed above); %d findings at or above %s among the rest", len(res.Errors), failing, failOn))
	case failing > 0:
		return exitcode.NewStatus(exitcode.NonCompliant, fmt.Sprintf("non-compliant: %d findings at or above %s", failing, failOn))
	}
	return nil
}
