// Package report renders tabular results as a terminal table, CSV or
// Markdown, and any result as indented JSON. Commands build a Table; the
// format is chosen once, by --output.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
)

// Format is an --output value.
type Format string

const (
	FormatTable    Format = "table"
	FormatJSON     Format = "json"
	FormatCSV      Format = "csv"
	FormatMarkdown Format = "markdown"
)

// Formats lists the tabular formats plus JSON, for flag help.
var Formats = []Format{FormatTable, FormatJSON, FormatCSV, FormatMarkdown}

// ParseFormat validates an --output value.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown output format %q (want one of %s)", s, strings.Join(names, ", "))
}

// Table is a header and rows of cells; a cell may hold several lines.
type Table struct {
	Title   string
	Headers []string
	Rows    [][]string
	// Stack lists columns i that a narrow terminal may show in one column
	// with column i+1 ("ACCOUNT / REGION", one above the other) rather than
	// break their ids.
	Stack []int
}

// WriteTable renders t in a tabular format (table, csv or markdown).
func WriteTable(w io.Writer, f Format, t Table) error {
	tw := table.NewWriter()
	header := table.Row{}
	for _, h := range t.Headers {
		header = append(header, h)
	}
	tw.AppendHeader(header)
	for _, r := range t.Rows {
		row := table.Row{}
		for _, c := range r {
			if f == FormatMarkdown {
				c = strings.ReplaceAll(c, "\n", "<br>")
			}
			row = append(row, c)
		}
		tw.AppendRow(row)
	}
	var out string
	switch f {
	case FormatCSV:
		out = tw.RenderCSV()
	case FormatMarkdown:
		// A blank line ends the table: what follows (a summary line, the
		// next table's heading) is not read as one of its rows.
		out = tw.RenderMarkdown() + "\n"
	default:
		tw.SetStyle(table.StyleLight)
		tw.Style().Options.SeparateRows = true
		out = tw.Render()
	}
	if t.Title != "" && f != FormatCSV {
		if f == FormatMarkdown {
			out = "### " + t.Title + "\n\n" + out
		} else {
			out = t.Title + "\n" + out
		}
	}
	_, err := fmt.Fprintln(w, out)
	return err
}

// WriteJSON writes v as indented JSON with a trailing newline.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
