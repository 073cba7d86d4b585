package report

import (
	"io"
	"slices"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
)

// Style adapts a terminal table to where it is shown.
type Style struct {
	// Width the table must fit (wrapping its widest columns); 0 is no limit.
	Width int
	// Paint, when set, may colour a cell (it returns the cell unchanged
	// otherwise); widths ignore the colour codes.
	Paint func(cell string) string
}

// minColumn is the narrowest a column is wrapped to.
const minColumn = 6

// WriteTableStyled renders t like WriteTable; in the terminal format it also
// fits st.Width and paints cells.
func WriteTableStyled(w io.Writer, f Format, t Table, st Style) error {
	if f != FormatTable || (st.Width == 0 && st.Paint == nil) {
		return WriteTable(w, f, t)
	}
	if st.Width > 0 && len(t.Stack) > 0 && !fitsWholeWords(t, st.Width) {
		t = stacked(t)
	}
	tw := table.NewWriter()
	header := table.Row{}
	for _, h := range t.Headers {
		header = append(header, h)
	}
	tw.AppendHeader(header)
	for _, r := range t.Rows {
		row := table.Row{}
		for _, c := range r {
			if st.Paint != nil {
				c = st.Paint(c)
			}
			row = append(row, c)
		}
		tw.AppendRow(row)
	}
	tw.SetStyle(table.StyleLight)
	tw.Style().Options.SeparateRows = true
	if st.Width > 0 {
		tw.SetColumnConfigs(fitColumns(t, st.Width))
	}
	out := tw.Render()
	if t.Title != "" {
		title := t.Title
		if st.Width > 0 {
			title = text.WrapSoft(title, st.Width)
		}
		out = title + "\n" + out
	}
	_, err := io.WriteString(w, out+"\n")
	return err
}

// measure returns each column's natural width and its longest word.
func measure(t Table) (natural, word []int) {
	n := len(t.Headers)
	natural, word = make([]int, n), make([]int, n)
	add := func(i int, cell string) {
		natural[i] = max(natural[i], text.LongestLineLen(cell))
		for _, w := range strings.Fields(cell) {
			word[i] = max(word[i], text.StringWidthWithoutEscSequences(w))
		}
	}
	for i, h := range t.Headers {
		add(i, h)
	}
	for _, r := range t.Rows {
		for i := 0; i < n && i < len(r); i++ {
			add(i, r[i])
		}
	}
	return natural, word
}

// fitsWholeWords reports whether t fits width without breaking a word.
func fitsWholeWords(t Table, width int) bool {
	_, word := measure(t)
	return sum(word) <= width-(3*len(t.Headers)+1)
}

// stacked joins each column listed in t.Stack with the next one, their
// cells one above the other.
func stacked(t Table) Table {
	join := map[int]bool{}
	for _, i := range t.Stack {
		if i >= 0 && i+1 < len(t.Headers) {
			join[i] = true
		}
	}
	out := Table{Title: t.Title}
	row := func(cells []string, sep string) []string {
		var r []string
		for i := 0; i < len(cells); i++ {
			if join[i] && i+1 < len(cells) {
				r = append(r, cells[i]+sep+cells[i+1])
				i++
				continue
			}
			r = append(r, cells[i])
		}
		return r
	}
	out.Headers = row(t.Headers, " /\n")
	for _, r := range t.Rows {
		out.Rows = append(out.Rows, row(r, "\n"))
	}
	return out
}

// fitColumns narrows the widest columns to make the table fit width. It
// first keeps every word whole (ids stay unbroken) and wraps free text;
// only when the longest words alone are too wide does it break them.
func fitColumns(t Table, width int) []table.ColumnConfig {
	n := len(t.Headers)
	natural, word := measure(t)
	budget := width - (3*n + 1) // "│ " + " │ " between columns + " │"
	if sum(natural) <= budget {
		return nil
	}
	floor := word
	if sum(word) > budget {
		floor = make([]int, n)
		for i := range floor {
			floor[i] = min(minColumn, natural[i])
		}
	}
	widths := func(c int) []int {
		out := make([]int, n)
		for i := range out {
			out[i] = max(floor[i], min(natural[i], c))
		}
		return out
	}
	// The largest cap whose widths fit (sum is monotonic in the cap).
	lo, hi := 0, slices.Max(natural)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if sum(widths(mid)) <= budget {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	var cfg []table.ColumnConfig
	for i, w := range widths(lo) {
		if w < natural[i] {
			cfg = append(cfg, table.ColumnConfig{Number: i + 1, WidthMax: w, WidthMaxEnforcer: wrap})
		}
	}
	return cfg
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

// wrap wraps at spaces, and breaks a word longer than the column.
func wrap(s string, n int) string {
	lines := strings.Split(text.WrapSoft(s, n), "\n")
	for i, l := range lines {
		if text.StringWidthWithoutEscSequences(l) > n {
			lines[i] = text.WrapHard(l, n)
		}
	}
	return strings.Join(lines, "\n")
}
