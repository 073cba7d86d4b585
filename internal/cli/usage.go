package cli

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/iostreams"
	"github.com/defaultsg/defaultsg/internal/report"
	"github.com/defaultsg/defaultsg/internal/securityhub"
	"github.com/defaultsg/defaultsg/internal/services"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// UsageOptions are the inputs of `defaultsg usage`.
type UsageOptions struct {
	IO    *iostreams.IOStreams
	Scope ScopeFunc

	Output        string
	OutFile       string
	VpcIDs        []string
	GroupIDs      []string
	AcceptUnknown []string
	ListFinders   bool
	SecurityHub   SecurityHubOptions
}

// NewCmdUsage builds `usage`; runF, when not nil, replaces the run (tests).
func NewCmdUsage(f *Factory, runF func(*UsageOptions) error) *cobra.Command {
	opts := &UsageOptions{IO: f.IO, Scope: f.Scope, SecurityHub: newSecurityHubOptions(f)}
	cmd := &cobra.Command{
		Use:   "usage",
		Short: "Find everything that uses a default security group (read-only)",
		Long: `Finds, for every default security group in scope, the live network interfaces that carry
it (attributed to their owning resource), the configurations that will create interfaces in it
later, and other groups whose rules reference it. Every finder's coverage is reported: a group
whose usage could not be fully checked is "usage unknown", never "unused".

Exit codes of usage: 0 no default group is used and coverage is complete, 3 some group is used,
4 usage unknown somewhere (a finder failed and was not accepted), 2 usage error, 1 other.`,
		Example: `  defaultsg usage
  defaultsg --regions eu-west-1,us-east-1 usage -o json
  defaultsg usage --accept-unknown emr-clusters
  defaultsg usage --list-finders`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			defaultStrings(cmd, "accept-unknown", &opts.AcceptUnknown, f.config().acceptedFinders())
			if runF != nil {
				return runF(opts)
			}
			return usageRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	addOutputFlags(cmd, &opts.Output, &opts.OutFile, tableFormats...)
	fl.StringSliceVar(&opts.VpcIDs, "vpc-ids", nil, "only the default groups of these VPCs")
	fl.StringSliceVar(&opts.GroupIDs, "group-ids", nil, "only these default groups")
	fl.StringSliceVar(&opts.AcceptUnknown, "accept-unknown", nil, "finders whose failure is an accepted gap, not \"usage unknown\"")
	fl.BoolVar(&opts.ListFinders, "list-finders", false, "list every resource kind: its finders, what they read, their IAM actions and how it is moved (-o table or json)")
	addSecurityHubFlags(cmd, f, &opts.SecurityHub, true)
	completeFinders(cmd)
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
	// SecurityHub is Security Hub's view next to the groups read (with
	// --from-securityhub only).
	SecurityHub *securityhub.Comparison `json:"securityhub,omitempty"`
	// Inventory says, with --inventory, which source answered each cell.
	Inventory *inventoryReport `json:"inventory,omitempty"`

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

func usageRun(ctx context.Context, opts *UsageOptions) error {
	if opts.ListFinders {
		return listFinders(opts.IO, opts.Output)
	}
	format, err := parseTableFormat(opts.Output, tableFormats...)
	if err != nil {
		return err
	}
	if err := checkFinderNames(opts.AcceptUnknown); err != nil {
		return err
	}
	scope, err := opts.Scope(ctx, nil)
	if err != nil {
		return err
	}
	filter, cmp, err := opts.SecurityHub.narrow(ctx, opts.IO, scope, inventory.Filter{VpcIDs: opts.VpcIDs, GroupIDs: opts.GroupIDs})
	if err != nil {
		return err
	}
	rep, err := collectUsage(ctx, opts.IO, scope, filter, opts.AcceptUnknown)
	rep.SecurityHub = cmp
	// Interrupted while finders ran: print what is known (cells not read
	// are unknown), then exit 130.
	partial := errors.Is(err, context.Canceled) && rep.Coverage != nil
	if err != nil && !partial {
		return err
	}
	if err := writeOut(opts.IO, opts.OutFile, func(ios *iostreams.IOStreams) error { return writeUsage(ios, format, rep) }); err != nil {
		return err
	}
	if partial {
		return err
	}
	return usageStatus(rep)
}

func collectUsage(ctx context.Context, ios *iostreams.IOStreams, scope Scope, filter inventory.Filter, accept []string) (UsageReport, error) {
	rep := UsageReport{Schema: "defaultsg.usage/v1", Groups: []usageGroup{}, Accepted: accept,
		Problems: append([]awsx.Problem{}, scope.Problems...), FallbackAPIs: services.FallbackAPIs()}
	if rep.Accepted == nil {
		rep.Accepted = []string{}
	}
	reads, err := inventory.ReadAll(ctx, scope.Scope, scope.Concurrency, filter, newEC2, nil)
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
	finders := services.Finders()
	if scope.Inventory != nil {
		finders, rep.Inventory = readInventory(ctx, ios, scope, targets, finders)
	}
	prog := ios.StartProgress(len(targets)*len(finders), "checking usage")
	before := awsx.Calls()
	res, err := usage.Run(ctx, scope.Scope, targets, finders, usage.Options{
		Concurrency: scope.Concurrency, AcceptUnknown: accept, OnUnitDone: prog.Done})
	prog.Finish()
	if err != nil && !errors.Is(err, context.Canceled) {
		return rep, err
	}
	rep.Coverage, rep.cells = res.Coverage, res
	rep.Inventory.finish()
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

func writeUsage(ios *iostreams.IOStreams, format report.Format, rep UsageReport) error {
	switch format {
	case report.FormatJSON:
		return writeUsageJSON(ios.Out, rep)
	case report.FormatCSV:
		return report.WriteTable(ios.Out, format, usageCSV(rep))
	}
	t := report.Table{Headers: []string{"ACCOUNT", "REGION", "GROUP", "STATE", "KIND", "SERVICE", "RESOURCE", "MANAGED BY", "MOVE"}, Stack: []int{0, 2, 4}}
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
	if err := writeTable(ios, format, t); err != nil {
		return err
	}
	gaps, unknown := coverageGaps(rep)
	if len(gaps.Rows) > 0 && format != report.FormatCSV {
		if err := writeTable(ios, format, gaps); err != nil {
			return err
		}
		if len(unknown) > 0 {
			fmt.Fprintf(ios.Out, "To accept these finders' gaps (recorded in every report, backup and plan): --accept-unknown %s\n", strings.Join(unknown, ","))
		}
	}
	if rep.Inventory != nil && format != report.FormatCSV {
		for _, t := range inventoryTable(rep.Inventory) {
			if len(t.Rows) == 0 {
				continue
			}
			if err := writeTable(ios, format, t); err != nil {
				return err
			}
		}
	}
	if format == report.FormatTable {
		// Only when AWS pushed back, so that a clean run's table stays the
		// same from run to run; the JSON summary always has the counts.
		if c := rep.Summary.Calls; c.Retries > 0 || c.Throttled > 0 {
			fmt.Fprintf(ios.Out, "AWS pushed back: %d retries (%d throttled answers) over %d calls\n",
				c.Retries, c.Throttled, c.Operations)
		}
		ios.NoteOnce("fallback", "Note: in every region, these create calls put a new resource in the default group when given no group; "+
			"after close such resources have no connectivity: "+strings.Join(rep.FallbackAPIs, "; "))
	}
	return nil
}

// usageCSV has one row per user (a group nobody uses gets one row with
// empty user columns) and snake_case headers, like audit's CSV: no cell
// holds a line break.
func usageCSV(rep UsageReport) report.Table {
	t := report.Table{Headers: []string{"account", "region", "vpc_id", "group_id", "state", "kind", "finder", "service",
		"resource_type", "resource_id", "arn", "detail", "managed_by", "change", "unattributed"}}
	for _, g := range rep.Groups {
		base := []string{g.Account, g.Region, g.VpcID, g.GroupID, g.State}
		if len(g.Users) == 0 {
			t.Rows = append(t.Rows, append(base, "", "", "", "", "", "", "", "", "", ""))
		}
		for _, u := range g.Users {
			t.Rows = append(t.Rows, append(append([]string{}, base...), string(u.Kind), u.Finder, u.Service, u.ResourceType, u.ResourceID,
				u.ARN, oneLine(u.Detail), u.ManagedBy, string(u.Change), fmt.Sprint(u.Unattributed)))
		}
	}
	return t
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// coverageGaps lists every finder that could not look (unknown or accepted)
// by the name --accept-unknown takes, and every region not read at all —
// which no finder name can accept — with the operation that failed. It also
// returns the unknown finders' names, once each.
func coverageGaps(rep UsageReport) (report.Table, []string) {
	gaps := report.Table{Title: "Coverage gaps (usage unknown unless accepted):", Headers: []string{"ACCOUNT", "REGION", "FINDER", "STATUS", "ERROR"}}
	var unknown []string
	for _, c := range rep.Coverage {
		if c.Status == usage.StatusUnknown || c.Status == usage.StatusAccepted {
			gaps.Rows = append(gaps.Rows, []string{c.Account, c.Region, c.Finder, string(c.Status), c.Error})
		}
		if c.Status == usage.StatusUnknown && !slices.Contains(unknown, c.Finder) {
			unknown = append(unknown, c.Finder)
		}
	}
	for _, p := range rep.Problems {
		gaps.Rows = append(gaps.Rows, []string{p.Account, p.Region, "(region not read)", "unknown", p.Operation + ": " + p.Message})
	}
	return gaps, unknown
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

// listFinders prints every resource kind: the finders that report it, what
// they read and the IAM actions they need, and how a user of it is moved.
func listFinders(ios *iostreams.IOStreams, output string) error {
	format, err := report.ParseFormat(output)
	if err != nil {
		return exitcode.Usagef(err)
	}
	if format == report.FormatJSON {
		return report.WriteJSON(ios.Out, services.Catalog())
	}
	t := report.Table{Headers: []string{"KIND", "SERVICE", "FINDERS", "READS", "IAM ACTIONS", "MOVE"}}
	for _, e := range services.Catalog() {
		var names, reads, iam []string
		for _, fd := range e.Finders {
			names, reads = append(names, fd.Name), append(reads, fd.Reads)
			iam = append(iam, fd.IAM...)
		}
		t.Rows = append(t.Rows, []string{string(e.Kind), e.Service, strings.Join(names, "\n"), strings.Join(reads, "\n"),
			strings.Join(slices.Compact(slices.Sorted(slices.Values(iam))), "\n"), e.Move.String()})
	}
	return writeTable(ios, format, t)
}
