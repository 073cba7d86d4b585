package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/apply"
	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/plan"
	"github.com/defaultsg/defaultsg/internal/report"
	"github.com/defaultsg/defaultsg/internal/usage"
)

type applyOptions struct {
	Yes     bool
	Journal string
	Output  string
}

func newCmdApply(f *Factory) *cobra.Command {
	opts := &applyOptions{}
	cmd := &cobra.Command{
		Use:   "apply PLAN",
		Short: "Carry out a plan: create replacement groups, copy references, move users",
		Long: `Re-reads the state and refuses a stale plan (a user appeared, a rule changed: re-plan).
Then runs the plan's steps in order — create replacement groups (found again by their
defaultsg:replaces tag, never created twice), give them exactly the planned rules, add the
copied rules to referencing groups, move users — journaling each step durably before and
after its call in PLAN.journal. After a crash or Ctrl-C, run apply again: it resumes from
the journal without repeating done steps.

This version moves EC2 network interfaces (instances, unattached interfaces); other users'
moves are listed as manual steps with the API to call.

Exit codes: 0 all automated steps done, 5 stale plan, 6 some step failed, 2 usage/invalid plan.`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error { return runApply(cmd.Context(), f, opts, args[0]) },
	}
	cmd.Flags().BoolVarP(&opts.Yes, "yes", "y", false, "do not ask for confirmation")
	cmd.Flags().StringVar(&opts.Journal, "journal", "", "journal file (default: PLAN.journal)")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "table", "result format: table, json, markdown")
	return cmd
}

func runApply(ctx context.Context, f *Factory, opts *applyOptions, path string) error {
	format, err := report.ParseFormat(opts.Output)
	if err != nil {
		return exitcode.Usagef(err)
	}
	p, err := plan.Load(path)
	if err != nil {
		if errors.Is(err, plan.ErrInvalid) {
			return exitcode.Usagef(fmt.Errorf("%w; nothing changed", err))
		}
		return err
	}
	if len(p.Regions) > 0 {
		f.Global.Regions = strings.Join(p.Regions, ",")
	}
	if opts.Journal == "" {
		opts.Journal = path + ".journal"
	}
	j, err := apply.OpenJournal(opts.Journal)
	if err != nil {
		return err
	}
	defer j.Close()
	scope, err := resolveScope(ctx, f)
	if err != nil {
		return err
	}
	for _, rec := range j.Records() {
		if strings.HasPrefix(rec.Step, "rollback:") {
			return exitcode.Usagef(fmt.Errorf("journal %s records a rollback of this plan: make a new plan; nothing changed", opts.Journal))
		}
	}
	resuming := false
	if rec, ok := j.Done("plan"); ok {
		if rec.Data["fingerprint"] != p.Fingerprint {
			return exitcode.Usagef(fmt.Errorf("journal %s belongs to another plan; give a new --journal", opts.Journal))
		}
		resuming = true
	}
	if !resuming {
		if err := checkFresh(ctx, f, scope, p); err != nil {
			return err
		}
		if err := confirm(f, opts.Yes, fmt.Sprintf("Apply the plan: create %d groups, add %d reference rules, move %d users?",
			len(p.Replacements), len(p.ReferenceRules), len(p.Moves))); err != nil {
			return err
		}
		if err := j.Append(apply.Record{Step: "plan", Phase: "done", Data: map[string]string{"fingerprint": p.Fingerprint}}); err != nil {
			return err
		}
	} else {
		f.IO.Infof("Resuming from journal %s (steps already done are skipped)\n", opts.Journal)
	}
	results, err := apply.Execute(ctx, scope, p, j, apply.Options{NewEC2: func(c aws.Config) apply.EC2API { return ec2.NewFromConfig(c) }})
	if err != nil {
		return err
	}
	failed := 0
	t := report.Table{Headers: []string{"STEP", "STATUS", "DETAIL"}}
	for _, r := range results {
		if r.Status == apply.StatusFailed || r.Status == apply.StatusNotReady {
			failed++
		}
		t.Rows = append(t.Rows, []string{r.Step, string(r.Status), r.Detail})
	}
	if format == report.FormatJSON {
		err = report.WriteJSON(f.IO.Out, results)
	} else {
		err = report.WriteTable(f.IO.Out, format, t)
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		return exitcode.NewStatus(exitcode.Failed, fmt.Sprintf("%d steps failed or could not run; fix the cause and run apply again (it resumes)", failed))
	}
	return nil
}

// checkFresh recomputes the fingerprint of the state the plan covers and
// refuses the plan when it changed.
func checkFresh(ctx context.Context, f *Factory, scope awsx.Scope, p *plan.Plan) error {
	rep, err := collectUsage(ctx, f, scope, inventory.Filter{VpcIDs: p.VpcIDs, GroupIDs: p.GroupIDs}, p.AcceptedUnknown)
	if err != nil {
		return err
	}
	var groups []inventory.Group
	var users []usage.Usage
	for _, g := range rep.Groups {
		groups = append(groups, g.Group)
		users = append(users, g.Users...)
	}
	if got := plan.Fingerprint(groups, users); got != p.Fingerprint {
		return exitcode.NewStatus(exitcode.Refused, "stale plan: the default groups or their users changed since it was made; nothing changed — run plan again")
	}
	return nil
}
