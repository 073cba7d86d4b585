package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/atomicfile"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/iostreams"
	"github.com/defaultsg/defaultsg/internal/report/htmlreport"
)

// maxReportSize bounds a JSON report read by `report`.
const maxReportSize = 256 << 20

// ReportOptions are the inputs of `defaultsg report`.
type ReportOptions struct {
	IO    *iostreams.IOStreams
	Scope ScopeFunc
	Now   func() time.Time

	HTML    string
	Inputs  []string
	Regions []string
}

// NewCmdReport builds `report`; runF, when not nil, replaces the run (tests).
func NewCmdReport(f *Factory, runF func(*ReportOptions) error) *cobra.Command {
	opts := &ReportOptions{IO: f.IO, Scope: f.Scope, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "report --html FILE [REPORT.json ...]",
		Short: "Write an HTML report: account × region heat map of EC2.2, groups, users, moves, gaps",
		Long: `Writes one self-contained HTML page (no network: styles and script inlined; works offline and
as an email attachment) from JSON reports of audit, usage, close and plan (-o json / --out), in the
order given: later reports add to earlier ones. With no report given, it reads the account(s) now,
as usage does (read-only).`,
		Example: `  defaultsg report --html ec2.2.html
  defaultsg --org usage -o json --out usage.json
  defaultsg report --html org.html usage.json plan.json`,
		Args: usageArgs(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			opts.Regions = f.Global.SelectedRegions()
			if opts.HTML == "" {
				return exitcode.Usagef(fmt.Errorf("--html FILE is required"))
			}
			if runF != nil {
				return runF(opts)
			}
			return reportRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.HTML, "html", "", "write the HTML report to `FILE`")
	return cmd
}

func reportRun(ctx context.Context, opts *ReportOptions) error {
	var names []string
	var docs [][]byte
	for _, in := range opts.Inputs {
		b, err := atomicfile.ReadRegular(in, maxReportSize)
		if err != nil {
			return exitcode.Usagef(err)
		}
		names, docs = append(names, in), append(docs, b)
	}
	if len(docs) == 0 {
		scope, err := opts.Scope(ctx, opts.Regions)
		if err != nil {
			return err
		}
		rep, err := collectUsage(ctx, opts.IO, scope, inventory.Filter{}, nil)
		if err != nil {
			return err
		}
		b, err := json.Marshal(rep)
		if err != nil {
			return err
		}
		names, docs = []string{"a live usage run"}, [][]byte{b}
	}
	m, err := htmlreport.Load(names, docs)
	if err != nil {
		return exitcode.Usagef(err)
	}
	var buf bytes.Buffer
	if err := htmlreport.Write(&buf, m, opts.Now()); err != nil {
		return err
	}
	if err := atomicfile.Write(opts.HTML, buf.Bytes(), 0o644); err != nil {
		return err
	}
	c := m.Counts()
	opts.IO.Infof("Report written to %s: %d default groups, %d pass, %d fail unused, %d used, %d unknown\n",
		opts.HTML, c.Groups, c.Pass, c.Fail, c.Used, c.Unknown)
	return nil
}
