package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/report"
	"github.com/defaultsg/defaultsg/internal/services"
	"github.com/defaultsg/defaultsg/internal/usage"
)

type usageOptions struct {
	Output        string
	VpcIDs        []string
	GroupIDs      []string
	AcceptUnknown []string
	ListFinders   bool
}

func newCmdUsage(f *Factory) *cobra.Command {
	opts := &usageOptions{}
	cmd := &cobra.Command{
		Use:   "usage",
		Short: "Find everything that uses a default security group (read-only)",
		Long: `Finds, for every default security group in scope, the live network interfaces that carry
it (attributed to their owning resource), the configurations that will create interfaces in it
later, and other groups whose rules reference it. Every finder's coverage is reported: a group
whose usage could not be fully checked is "usage unknown", never "unused".

Exit codes: 0 no default group is used and coverage is complete, 3 some group is used,
4 usage unknown somewhere (a finder failed and was not accepted), 2 usage error, 1 other.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error { return runUsage(cmd, f, opts) },
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Output, "output", "o", "table", "output format: table, json, csv, markdown")
	fl.StringSliceVar(&opts.VpcIDs, "vpc-ids", nil, "only the default groups of these VPCs")
	fl.StringSliceVar(&opts.GroupIDs, "group-ids", nil, "only these default groups")
	fl.StringSliceVar(&opts.AcceptUnknown, "accept-unknown", nil, "finders whose failure is an accepted gap, not \"usage unknown\"")
	fl.BoolVar(&opts.ListFinders, "list-finders", false, "list every finder, what it reads and the IAM actions it needs")
	return cmd
}

// UsageReport is the JSON form of `usage` (schema defaultsg.usage/v1,
// written by writeUsageJSON in this field order).
type UsageReport struct {
	Schema string       `json:"schema"`
	Groups []usageGroup `json:"groups"`
	// Coverage holds the cells that were not checked; the JSON lists every
	// cell, streamed from cells.
	Coverage []usage.Coverage `json:"coverage"`
	Summary  usageSummary     `json:"summary"`
	Accepted []string         `json:"accepted_unknown"`
	Problems []awsx.Problem   `json:"problems"`
	// FallbackAPIs create resources in the default group when given none;
	// they keep "using" it after close, with no connectivity.
	FallbackAPIs []string `json:"fallback_apis"`

	cells usage.Result
}

// usageSummary counts the cells by finder and status, and the calls the
// finders made: retries and throttles show how hard AWS pushed back.
type usageSummary struct {
	Cells []usage.CellCount `json:"cells"`
	Calls awsx.CallCounts   `json:"calls"`
}

type usageGroup struct {
	inventory.Group
	State string        `json:"state"`
	Users []usage.Usage `json:"users"`
}

func runUsage(cmd *cobra.Command, f *Factory, opts *usageOptions) error {
	if opts.ListFinders {
		return listFinders(f)
	}
	format, err := report.ParseFormat(opts.Output)
	if err != nil {
		return exitcode.Usagef(err)
	}
	if err := checkFinderNames(opts.AcceptUnknown); err != nil {
		return err
	}
	ctx := cmd.Context()
	scope, err := resolveScope(ctx, f)
	if err != nil {
		return err
	}
	rep, err := collectUsage(ctx, f, scope, inventory.Filter{VpcIDs: opts.VpcIDs, GroupIDs: opts.GroupIDs}, opts.AcceptUnknown)
	// Interrupted while finders ran: print what is known (cells not read
	// are unknown), then exit 130.
	partial := errors.Is(err, context.Canceled) && rep.Coverage != nil
	if err != nil && !partial {
		return err
	}
	if err := writeUsage(f, format, rep); err != nil {
		return err
	}
	if partial {
		return err
	}
	return usageStatus(rep)
}

func collectUsage(ctx context.Context, f *Factory, scope awsx.Scope, filter inventory.Filter, accept []string) (UsageReport, error) {
	rep := UsageReport{Schema: "defaultsg.usage/v1", Groups: []usageGroup{}, Accepted: accept,
		Problems: append([]awsx.Problem{}, scope.Problems...), FallbackAPIs: services.FallbackAPIs()}
	if rep.Accepted == nil {
		rep.Accepted = []string{}
	}
	reads, err := inventory.ReadAll(ctx, scope, f.Global.Concurrency, filter, newEC2, nil)
	if err != nil {
		return rep, selectionError(err)
	}
	var targets []usage.Target
	var groups []inventory.Group
	for _, r := range reads {
		if r.Problem != nil {
			rep.Problems = append(rep.Problems, *r.Problem)
			continue
		}
		t := usage.Target{VpcOf: map[string]string{}}
		for _, g := range r.Groups {
			t.Account, t.Region = g.Account, g.Region
			t.GroupIDs = append(t.GroupIDs, g.GroupID)
			t.VpcOf[g.GroupID] = g.VpcID
			if g.VpcIsDefault {
				t.DefaultVPCGroup = g.GroupID
			}
			groups = append(groups, g)
		}
		targets = append(targets, t)
	}
	prog := f.IO.StartProgress(len(targets)*len(services.Finders()), "checking usage")
	before := awsx.Calls()
	res, err := usage.Run(ctx, scope, targets, services.Finders(), usage.Options{
		Concurrency: f.Global.Concurrency, AcceptUnknown: accept, OnUnitDone: prog.Done})
	prog.Finish()
	if err != nil && !errors.Is(err, context.Canceled) {
		return rep, err
	}
	rep.Coverage, rep.cells = res.Coverage, res
	rep.Summary = usageSummary{Cells: res.Summary(), Calls: awsx.Calls().Sub(before)}
	for _, g := range groups {
		v := res.Verdict(g.Account, g.Region, g.GroupID)
		users := v.Users
		if users == nil {
			users = []usage.Usage{}
		}
		rep.Groups = append(rep.Groups, usageGroup{Group: g, State: v.State(), Users: users})
	}
	awsx.SortProblems(rep.Problems)
	return rep, err
}

func writeUsage(f *Factory, format report.Format, rep UsageReport) error {
	if format == report.FormatJSON {
		return writeUsageJSON(f.IO.Out, rep)
	}
	t := report.Table{Headers: []string{"ACCOUNT", "REGION", "GROUP", "STATE", "KIND", "SERVICE", "RESOURCE", "MANAGED BY", "MOVE"}}
	for _, g := range rep.Groups {
		if len(g.Users) == 0 {
			t.Rows = append(t.Rows, []string{g.Account, g.Region, g.GroupID, g.State, "", "", "", "", ""})
		}
		for _, u := range g.Users {
			res := u.ResourceType + " " + u.ResourceID
			if u.Detail != "" && u.Detail != u.ResourceID {
				res += "\n" + u.Detail
			}
			t.Rows = append(t.Rows, []string{g.Account, g.Region, g.GroupID, g.State, string(u.Kind), u.Service, res, u.ManagedBy, string(u.Change)})
		}
	}
	if err := report.WriteTable(f.IO.Out, format, t); err != nil {
		return err
	}
	gaps := report.Table{Title: "Coverage gaps (usage unknown unless accepted):", Headers: []string{"ACCOUNT", "REGION", "FINDER", "STATUS", "ERROR"}}
	for _, c := range rep.Coverage {
		if c.Status == usage.StatusUnknown || c.Status == usage.StatusAccepted {
			gaps.Rows = append(gaps.Rows, []string{c.Account, c.Region, c.Finder, string(c.Status), c.Error})
		}
	}
	for _, p := range rep.Problems {
		gaps.Rows = append(gaps.Rows, []string{p.Account, p.Region, p.Operation, "unknown", p.Message})
	}
	if len(gaps.Rows) > 0 && format != report.FormatCSV {
		if err := report.WriteTable(f.IO.Out, format, gaps); err != nil {
			return err
		}
	}
	if format == report.FormatTable {
		// Only when AWS pushed back, so that a clean run's table stays the
		// same from run to run; the JSON summary always has the counts.
		if c := rep.Summary.Calls; c.Retries > 0 || c.Throttled > 0 {
			fmt.Fprintf(f.IO.Out, "AWS pushed back: %d retries (%d throttled answers) over %d calls\n",
				c.Retries, c.Throttled, c.Operations)
		}
		fmt.Fprintf(f.IO.Out, "Note: in every region, these create calls put a new resource in the default group when given no group;\nafter close such resources have no connectivity: %s\n", strings.Join(rep.FallbackAPIs, "; "))
	}
	return nil
}

func usageStatus(rep UsageReport) error {
	used, unknown := 0, 0
	for _, g := range rep.Groups {
		switch g.State {
		case "used":
			used++
		case "usage unknown":
			unknown++
		}
	}
	switch {
	case unknown > 0 || len(rep.Problems) > 0:
		return exitcode.NewStatus(exitcode.Incomplete, fmt.Sprintf("usage unknown for %d groups (%d regions not read); %d groups used", unknown, len(rep.Problems), used))
	case used > 0:
		return exitcode.NewStatus(exitcode.NonCompliant, fmt.Sprintf("%d default groups are in use; move their users before closing", used))
	}
	return nil
}

func listFinders(f *Factory) error {
	t := report.Table{Headers: []string{"FINDER", "SERVICE", "READS", "IAM ACTIONS"}}
	for _, fd := range services.Finders() {
		t.Rows = append(t.Rows, []string{fd.Name, fd.Service, fd.Reads, strings.Join(fd.IAM, "\n")})
	}
	return report.WriteTable(f.IO.Out, report.FormatTable, t)
}
