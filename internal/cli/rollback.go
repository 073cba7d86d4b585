package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/apply"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/iostreams"
	"github.com/defaultsg/defaultsg/internal/plan"
)

// RollbackOptions are the inputs of `defaultsg rollback`.
type RollbackOptions struct {
	IO       *iostreams.IOStreams
	Scope    ScopeFunc
	Prompter Prompter

	// Regions are the regions the global flags select (see ApplyOptions).
	Regions []string

	Journal string
	Plan    string
	Output  string
	OutFile string
	Yes     bool
	Wait    time.Duration
	Poll    time.Duration
}

// NewCmdRollback builds `rollback`; runF, when not nil, replaces the run (tests).
func NewCmdRollback(f *Factory, runF func(*RollbackOptions) error) *cobra.Command {
	opts := &RollbackOptions{IO: f.IO, Scope: f.Scope, Prompter: f.IO}
	cmd := &cobra.Command{
		Use:   "rollback JOURNAL",
		Short: "Undo an apply: move users back, remove what it created",
		Long: `Reads apply's journal (PLAN.journal) and undoes, newest first, what it records: every moved
user gets back exactly the groups recorded before its move, through the same service API
(a launch template gets its previous default version back), the rules apply added to referencing groups are
revoked, then the replacement groups are deleted (one still in use is reported and kept).
Each undo is journaled, so rollback can be re-run after an interruption. After a rollback,
make a new plan before applying again.

Exit codes of rollback: 0 everything undone, 6 something could not be undone,
2 usage error or invalid plan.`,
		Example: `  defaultsg rollback plan.json.journal
  defaultsg rollback journal.log --plan plan.json --yes`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Journal, opts.Regions = args[0], f.Global.SelectedRegions()
			if runF != nil {
				return runF(opts)
			}
			return rollbackRun(cmd.Context(), opts)
		},
	}
	addOutputFlags(cmd, &opts.Output, &opts.OutFile, tableFormats...)
	cmd.Flags().StringVar(&opts.Plan, "plan", "", "the plan the journal belongs to (default: JOURNAL without .journal)")
	cmd.Flags().BoolVarP(&opts.Yes, "yes", "y", false, "do not ask for confirmation")
	cmd.Flags().DurationVar(&opts.Wait, "wait", 15*time.Minute, "how long to wait for asynchronous changes (RDS, ECS…) before and after undoing them")
	cmd.Flags().DurationVar(&opts.Poll, "poll", 5*time.Second, "interval between checks while waiting")
	return cmd
}

func rollbackRun(ctx context.Context, opts *RollbackOptions) error {
	format, err := parseTableFormat(opts.Output, tableFormats...)
	if err != nil {
		return err
	}
	journalPath, planPath := opts.Journal, opts.Plan
	if err := checkFileKind("rollback", journalPath, "journal"); err != nil {
		return err
	}
	if planPath == "" {
		planPath = strings.TrimSuffix(journalPath, ".journal")
	}
	p, err := plan.Load(planPath)
	if err != nil {
		if errors.Is(err, plan.ErrInvalid) {
			return exitcode.Usagef(fmt.Errorf("%w; nothing changed", err))
		}
		return err
	}
	j, err := apply.OpenJournal(journalPath)
	if err != nil {
		return journalError(err)
	}
	defer j.Close()
	if rec, ok := j.Done("plan"); !ok || rec.Data["fingerprint"] != p.Fingerprint {
		return exitcode.Usagef(fmt.Errorf("journal %s does not belong to plan %s; nothing changed", journalPath, planPath))
	}
	regions, err := planRegions(p, opts.Regions, true)
	if err != nil {
		return err
	}
	scope, err := opts.Scope(ctx, regions)
	if err != nil {
		return err
	}
	if err := confirm(opts.Prompter, opts.Yes, fmt.Sprintf("Undo the apply recorded in %s, in %s?", journalPath, planTouches(p).Describe())); err != nil {
		return err
	}
	results := apply.Rollback(ctx, scope.Scope, p, j, func(c aws.Config) apply.RollbackAPI { return ec2.NewFromConfig(c) }, apply.Options{Wait: opts.Wait, Poll: opts.Poll})
	if err := writeStepResults(opts.IO, opts.OutFile, format, results, "%d undo steps failed; fix the cause and run rollback again"); err != nil {
		return err
	}
	// Everything is undone: the plan file may now be replaced.
	return j.MarkRolledBack()
}
