package output

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/defaultsg/defaultsg/internal/iac/model"
	"github.com/defaultsg/defaultsg/internal/iac/rules"
)

type textWriter struct{}

// Write prints compiler-style lines (file:line:col:) so editors and CI logs
// link them, followed by the reference chain and the fix.
func (textWriter) Write(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	res := r.Result
	for _, f := range res.Findings {
		fmt.Fprintf(bw, "%s:%d:%d: %s %s: %s", uri(f.Pos.File), f.Pos.Line, f.Pos.Col, f.RuleID, f.Severity, f.Message)
		if f.Path != "" {
			fmt.Fprintf(bw, " [%s %s]", f.Resource, f.Path)
		} else if f.Resource != "" {
			fmt.Fprintf(bw, " [%s]", f.Resource)
		}
		fmt.Fprintln(bw)
		if len(f.Via) > 0 {
			fmt.Fprintf(bw, "    via: %s\n", strings.Join(f.Via, " <- "))
		}
		if !rules.IsPass(f.RuleID) {
			fmt.Fprintf(bw, "    fix: %s\n", f.Fix)
		}
	}
	for _, s := range res.Suppressed {
		f := s.Finding
		fmt.Fprintf(bw, "%s:%d:%d: %s suppressed: %s\n", uri(f.Pos.File), f.Pos.Line, f.Pos.Col, f.RuleID, s.Reason)
	}
	for _, e := range res.Errors {
		fmt.Fprintf(bw, "%s: error: %v\n", uri(e.File), e.Err)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(bw, "%s: skipped: %v\n", uri(n.File), n.Err)
	}
	c := counts(res.Findings)
	passes := 0
	for _, f := range res.Findings {
		if rules.IsPass(f.RuleID) {
			passes++
		}
	}
	fails := len(res.Findings) - passes
	fmt.Fprintf(bw, "\n%d files scanned (%d YAML/JSON files were not templates), %s: %d findings (%d high, %d medium, %d low, %d info), %d passes, %d suppressed, %d files could not be parsed",
		res.Files, res.Skipped, size(res.Bytes), fails, c[model.High], c[model.Medium], c[model.Low], c[model.Info]-passes, passes, len(res.Suppressed), len(res.Errors))
	if len(res.Notes) > 0 {
		fmt.Fprintf(bw, ", %d paths skipped", len(res.Notes))
	}
	fmt.Fprintln(bw)
	return bw.Flush()
}

func size(n int64) string {
	switch {
	case n >= 10<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 10<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
