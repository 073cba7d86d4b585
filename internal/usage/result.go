package usage

import "sort"

// Result is every usage found and the coverage of every cell. Only the
// cells that were not checked are kept in full (Coverage); the checked ones
// are counted (Summary) and can be listed again (EachCell), so a result's
// size follows the users and the gaps, never the cells checked.
type Result struct {
	Usages []Usage `json:"usages"`
	// Coverage is every cell that was not checked (skipped, unknown or
	// accepted), sorted by account, region and finder.
	Coverage []Coverage `json:"coverage"`

	grid *grid
	// Indexes for Verdict: usages and gaps by account-region (and group).
	usersOf map[[3]string][]int
	gapsOf  map[[2]string][]int
}

// NewResult is a result of usages and the cells that were not checked
// (a report read back), indexed for Verdict.
func NewResult(usages []Usage, gaps []Coverage) Result {
	r := Result{Usages: usages, Coverage: gaps}
	r.index()
	return r
}

func (r *Result) index() {
	r.usersOf = map[[3]string][]int{}
	for i, u := range r.Usages {
		k := [3]string{u.Account, u.Region, u.GroupID}
		r.usersOf[k] = append(r.usersOf[k], i)
	}
	r.gapsOf = map[[2]string][]int{}
	for i, c := range r.Coverage {
		k := [2]string{c.Account, c.Region}
		r.gapsOf[k] = append(r.gapsOf[k], i)
	}
}

// EachCell calls fn for every cell of the run, checked or not, sorted by
// account, region and finder; it builds each row as it goes. A result
// that was not made by Run has only its gaps.
func (r Result) EachCell(fn func(Coverage) error) error {
	g := r.grid
	if g == nil {
		for _, c := range r.Coverage {
			if err := fn(c); err != nil {
				return err
			}
		}
		return nil
	}
	for i, t := range g.targets {
		for _, j := range g.byName {
			c, ok := g.gaps[i*len(g.finders)+j]
			if !ok {
				c.Coverage = Coverage{Account: t.Account, Region: t.Region, Finder: g.finders[j], Status: StatusChecked}
			}
			if err := fn(c.Coverage); err != nil {
				return err
			}
		}
	}
	return nil
}

// Cells is every cell as a list: for tests and small runs (EachCell does
// not hold them).
func (r Result) Cells() []Coverage {
	out := []Coverage{}
	_ = r.EachCell(func(c Coverage) error { out = append(out, c); return nil })
	return out
}

// CellCount is how many cells of one finder ended in each status.
type CellCount struct {
	Finder   string `json:"finder"`
	Checked  int    `json:"checked"`
	Skipped  int    `json:"skipped"`
	Accepted int    `json:"accepted"`
	Unknown  int    `json:"unknown"`
}

// Summary counts the cells of every finder by status, in finder name order.
func (r Result) Summary() []CellCount {
	by := map[string]*CellCount{}
	var out []*CellCount
	count := func(f string) *CellCount {
		if by[f] == nil {
			by[f] = &CellCount{Finder: f}
			out = append(out, by[f])
		}
		return by[f]
	}
	if g := r.grid; g != nil {
		checked := make([]int, len(g.finders))
		for k, st := range g.cells {
			if st == cellChecked {
				checked[k%len(g.finders)]++
			}
		}
		for _, j := range g.byName {
			count(g.finders[j]).Checked += checked[j]
		}
	}
	for _, c := range r.Coverage {
		n := count(c.Finder)
		switch c.Status {
		case StatusChecked:
			n.Checked++
		case StatusSkipped:
			n.Skipped++
		case StatusAccepted:
			n.Accepted++
		default:
			n.Unknown++
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Finder < out[j].Finder })
	res := make([]CellCount, len(out))
	for i, c := range out {
		res[i] = *c
	}
	return res
}
