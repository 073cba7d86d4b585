package cli

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/configservice"

	"github.com/defaultsg/defaultsg/internal/aggregator"
	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/iostreams"
	"github.com/defaultsg/defaultsg/internal/report"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// inventoryReport is the report's account of --inventory: the aggregator,
// why it could not be read (then every cell was read directly), which
// finders it can answer, the finders that always run directly, and the
// source of every cell of an answerable finder.
type inventoryReport struct {
	Source           string                  `json:"source"`
	Region           string                  `json:"region"`
	Error            string                  `json:"error,omitempty"`
	Answers          map[string]string       `json:"answers"` // finder → Config resource type(s), joined by " + "
	DirectEverywhere []string                `json:"direct_everywhere"`
	Summary          []aggregator.Count      `json:"summary"`
	Cells            []aggregator.CellSource `json:"cells"`

	src *aggregator.Sources
}

// readInventory reads the aggregator once and returns the finders with
// the answerable ones answered from it where it records their type.
func readInventory(ctx context.Context, ios *iostreams.IOStreams, scope Scope, targets []usage.Target, finders []usage.Finder) ([]usage.Finder, *inventoryReport) {
	src := scope.Inventory
	var regions []string
	seen := map[string]bool{}
	for _, a := range scope.Accounts {
		for _, r := range a.Regions {
			if !seen[r] {
				seen[r] = true
				regions = append(regions, r)
			}
		}
	}
	sort.Strings(regions)
	inv := aggregator.Read(ctx, configservice.NewFromConfig(src.Cfg), src.Account, src.Spec.Region, src.Spec, regions, aggregator.Queries())
	rep := &inventoryReport{Source: src.Spec.String(), Region: src.Spec.Region, Answers: aggregator.ServedFinders(),
		DirectEverywhere: []string{}, src: &aggregator.Sources{}}
	if inv.Err != nil {
		rep.Error = inv.Err.Error()
		// Always said, even with -q: the run is slower and the report differs.
		fmt.Fprintf(ios.ErrOut, "warning: %s could not be read, every account-region is read directly: %v\n", rep.Source, inv.Err)
	}
	bases := map[string]aws.Config{}
	for _, a := range scope.Accounts {
		bases[a.ID] = a.Base
	}
	var cells []aggregator.Cell
	for _, t := range targets {
		if len(t.GroupIDs) > 0 {
			cells = append(cells, aggregator.Cell{Account: t.Account, Region: t.Region})
		}
	}
	inv.ReadRecorders(ctx, cells, func(c aggregator.Cell) aws.Config { return awsx.ForRegion(bases[c.Account], c.Region) }, scope.Concurrency)
	for _, f := range finders {
		if _, ok := rep.Answers[f.Name]; !ok {
			rep.DirectEverywhere = append(rep.DirectEverywhere, f.Name)
		}
	}
	return aggregator.Wrap(inv, finders, rep.src), rep
}

// finish collects the cells' sources once the finders are done.
func (r *inventoryReport) finish() {
	if r == nil {
		return
	}
	r.Cells, r.Summary = r.src.Cells(), r.src.Counts()
}

// inventoryTable is the table form: per answerable finder, the cells each
// source answered; then every cell read directly, one row per reason.
func inventoryTable(r *inventoryReport) []report.Table {
	sum := report.Table{Title: fmt.Sprintf("Inventory (%s in %s; every other finder read directly):", r.Source, r.Region),
		Headers: []string{"FINDER", "ANSWERED BY " + strings.ToUpper(r.Source), "READ DIRECTLY"}}
	row := map[string][]string{}
	var order []string
	for _, c := range r.Summary {
		if row[c.Finder] == nil {
			row[c.Finder] = []string{c.Finder, "0", "0"}
			order = append(order, c.Finder)
		}
		if c.Source == "direct" {
			row[c.Finder][2] = fmt.Sprint(c.Cells)
		} else {
			row[c.Finder][1] = fmt.Sprint(c.Cells)
		}
	}
	for _, f := range order {
		sum.Rows = append(sum.Rows, row[f])
	}
	direct := report.Table{Title: "Read directly instead of through the aggregator:", Headers: []string{"ACCOUNT", "REGION", "FINDERS", "WHY"}}
	for _, c := range r.Cells {
		// One row per reason: a cell whose recorder is off sends every
		// answerable finder direct for the same reason.
		var reasons []string
		by := map[string][]string{}
		for _, d := range c.Direct {
			if by[d.Reason] == nil {
				reasons = append(reasons, d.Reason)
			}
			by[d.Reason] = append(by[d.Reason], d.Finder)
		}
		for _, why := range reasons {
			names := strings.Join(by[why], ", ")
			if len(by[why]) == len(r.Answers) {
				names = fmt.Sprintf("all %d answerable", len(by[why]))
			}
			direct.Rows = append(direct.Rows, []string{c.Account, c.Region, names, why})
		}
	}
	return []report.Table{sum, direct}
}
