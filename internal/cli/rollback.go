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
	"github.com/defaultsg/defaultsg/internal/plan"
	"github.com/defaultsg/defaultsg/internal/report"
)

func newCmdRollback(f *Factory) *cobra.Command {
	var planPath string
	var yes bool
	var wait, poll time.Duration
	cmd := &cobra.Command{
		Use:   "rollback JOURNAL",
		Short: "Undo an apply: move users back, remove the added rules and replacement groups",
		Long: `Reads apply's journal (PLAN.journal) and undoes, newest first, what it records: every moved
user gets back exactly the groups recorded before its move, through the same service API
(a launch template gets its previous default version back), the rules apply added to referencing groups are
revoked, then the replacement groups are deleted (one still in use is reported and kept).
Each undo is journaled, so rollback can be re-run after an interruption. After a rollback,
make a new plan before applying again.

Exit codes: 0 everything undone, 6 something could not be undone, 2 usage/invalid plan.`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRollback(cmd.Context(), f, args[0], planPath, yes, apply.Options{Wait: wait, Poll: poll})
		},
	}
	cmd.Flags().StringVar(&planPath, "plan", "", "the plan the journal belongs to (default: JOURNAL without .journal)")
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "do not ask for confirmation")
	cmd.Flags().DurationVar(&wait, "wait", 15*time.Minute, "how long to wait for asynchronous changes (RDS, ECS…) before and after undoing them")
	cmd.Flags().DurationVar(&poll, "poll", 5*time.Second, "interval between checks while waiting")
	return cmd
}

func runRollback(ctx context.Context, f *Factory, journalPath, planPath string, yes bool, o apply.Options) error {
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
	if len(p.Regions) > 0 {
		f.Global.Regions = strings.Join(p.Regions, ",")
	}
	scope, err := resolveScope(ctx, f)
	if err != nil {
		return err
	}
	if err := confirm(f, yes, "Undo the apply recorded in "+journalPath+"?"); err != nil {
		return err
	}
	results := apply.Rollback(ctx, scope, p, j, func(c aws.Config) apply.RollbackAPI { return ec2.NewFromConfig(c) }, o)
	if err := writeStepResults(f, report.FormatTable, results, "%d undo steps failed; fix the cause and run rollback again"); err != nil {
		return err
	}
	// Everything is undone: the plan file may now be replaced.
	return j.MarkRolledBack()
}
