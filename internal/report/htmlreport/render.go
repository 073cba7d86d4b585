package htmlreport

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"
)

//go:embed page.html.tmpl
var pageTemplate string

var page = template.Must(template.New("page").Funcs(template.FuncMap{
	"cellID": cellID,
}).Parse(pageTemplate))

// Cell is one account × region square of the heat map.
type Cell struct {
	Account, Region string
	Status          Status // worst of its groups; "none" when it has none
	Groups          []*Group
	Counts          Counts
	Unread          []Gap
	Gaps            []Gap
}

// Label is what a screen reader says for the cell.
func (c Cell) Label() string {
	if c.Status == "none" {
		return fmt.Sprintf("account %s, %s: no default group", c.Account, c.Region)
	}
	var parts []string
	for _, p := range []struct {
		n    int
		word string
	}{{c.Counts.Pass, "pass"}, {c.Counts.Fail, "fail"}, {c.Counts.Used, "used"}, {c.Counts.Unknown, "unknown"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.word))
		}
	}
	if len(c.Unread) > 0 {
		parts = append(parts, "region not read")
	}
	return fmt.Sprintf("account %s, %s: %s", c.Account, c.Region, strings.Join(parts, ", "))
}

// Short is the text inside the cell.
func (c Cell) Short() string {
	switch {
	case c.Status == "none":
		return "–"
	case len(c.Groups) == 0:
		return "?"
	}
	return fmt.Sprintf("%d/%d", c.Counts.Pass, len(c.Groups))
}

// Row is one account of the heat map.
type Row struct {
	Account string
	Cells   []Cell
}

// Cells lays the groups out as the heat map.
func (m *Model) Cells() []Row {
	var rows []Row
	for _, a := range m.Accounts {
		row := Row{Account: a}
		for _, r := range m.Regions {
			c := Cell{Account: a, Region: r, Status: "none"}
			for _, g := range m.Groups {
				if g.Account != a || g.Region != r {
					continue
				}
				c.Groups = append(c.Groups, g)
				c.Status = worse(c.Status, g.Status)
			}
			for _, u := range m.Unread {
				if u.Account == a && u.Region == r {
					c.Unread = append(c.Unread, u)
					c.Status = StatusUnknown
				}
			}
			for _, gp := range m.Gaps {
				if gp.Account == a && gp.Region == r {
					c.Gaps = append(c.Gaps, gp)
				}
			}
			sub := Model{Groups: c.Groups}
			c.Counts = sub.Counts()
			row.Cells = append(row.Cells, c)
		}
		rows = append(rows, row)
	}
	return rows
}

func worse(a, b Status) Status {
	if a == "none" || rank[b] > rank[a] {
		return b
	}
	return a
}

func cellID(account, region string) string { return "cell-" + account + "-" + region }

// Write renders the page.
func Write(w io.Writer, m *Model, generated time.Time) error {
	return page.Execute(w, struct {
		*Model
		Generated string
		Total     Counts
		Rows      []Row
	}{m, generated.UTC().Format(time.RFC3339), m.Counts(), m.Cells()})
}
