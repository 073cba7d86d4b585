package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/jedib0t/go-pretty/v6/text"
)

func widestLine(s string) int {
	n := 0
	for _, l := range strings.Split(s, "\n") {
		n = max(n, text.StringWidthWithoutEscSequences(l))
	}
	return n
}

func TestWriteTableStyledFitsTheWidth(t *testing.T) {
	tb := Table{Title: "A title that is longer than the narrowest terminal we try it on, by some margin",
		Headers: []string{"GROUP", "STATE", "NOTE"},
		Rows: [][]string{{"sg-0123456789abcdef0", "refused", strings.Repeat("a long free-text note ", 8)},
			{"sg-1", "closed (forced)", "short"}}}
	for _, width := range []int{120, 80, 60, 30} {
		var b bytes.Buffer
		if err := WriteTableStyled(&b, FormatTable, tb, Style{Width: width}); err != nil {
			t.Fatal(err)
		}
		if n := widestLine(b.String()); n > width {
			t.Errorf("width %d: widest line %d:\n%s", width, n, b.String())
		}
		// Ids stay whole while the longest words fit.
		if width >= 60 && !strings.Contains(b.String(), "sg-0123456789abcdef0") {
			t.Errorf("width %d broke an id:\n%s", width, b.String())
		}
	}
	var b bytes.Buffer
	if err := WriteTableStyled(&b, FormatTable, tb, Style{}); err != nil {
		t.Fatal(err)
	}
	if n := widestLine(b.String()); n < 150 {
		t.Errorf("no width: the table is not wrapped, widest %d", n)
	}
}

func TestWriteTableStyledPaintsOnlyTheTerminalFormat(t *testing.T) {
	tb := Table{Headers: []string{"STATE"}, Rows: [][]string{{"FAIL"}}}
	paint := func(s string) string { return "<" + s + ">" }
	var term, csv bytes.Buffer
	_ = WriteTableStyled(&term, FormatTable, tb, Style{Paint: paint})
	_ = WriteTableStyled(&csv, FormatCSV, tb, Style{Paint: paint, Width: 10})
	if !strings.Contains(term.String(), "<FAIL>") || strings.Contains(csv.String(), "<") {
		t.Errorf("table:\n%s\ncsv:\n%s", term.String(), csv.String())
	}
}

func TestNarrowTerminalStacksColumnsBeforeBreakingIds(t *testing.T) {
	tb := Table{Headers: []string{"ACCOUNT", "REGION", "VPC", "GROUP", "EC2.2", "INBOUND"}, Stack: []int{0, 2},
		Rows: [][]string{{"111111111111", "ap-southeast-2", "vpc-2ef009f4ac0e3d05a", "sg-fc3c240829c9b4bb5", "FAIL", "all traffic from self"}}}
	var b bytes.Buffer
	if err := WriteTableStyled(&b, FormatTable, tb, Style{Width: 80}); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	if n := widestLine(got); n > 80 {
		t.Errorf("widest %d:\n%s", n, got)
	}
	for _, id := range []string{"111111111111", "ap-southeast-2", "vpc-2ef009f4ac0e3d05a", "sg-fc3c240829c9b4bb5", "ACCOUNT /"} {
		if !strings.Contains(got, id) {
			t.Errorf("%q is not whole:\n%s", id, got)
		}
	}
	b.Reset()
	_ = WriteTableStyled(&b, FormatTable, tb, Style{Width: 200})
	if strings.Contains(b.String(), "ACCOUNT /") {
		t.Errorf("stacked although it fits:\n%s", b.String())
	}
}
