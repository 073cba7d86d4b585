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

// CellCount is how many cells of one finder ended in one status.
type CellCount struct {
	Finder string `json:"finder"`
	Status Status `json:"status"`
	Cells  int    `json:"cells"`
}

// Summary counts the cells by finder and status, in finder name order.
func (r Result) Summary() []CellCount {
	counts := map[[2]string]int{}
	var order [][2]string
	add := func(f string, s Status, n int) {
		k := [2]string{f, string(s)}
		if _, ok := counts[k]; !ok {
			order = append(order, k)
		}
		counts[k] += n
	}
	if g := r.grid; g != nil {
		checked := make([]int, len(g.finders))
		for k, st := range g.cells {
			if st == cellChecked {
				checked[k%len(g.finders)]++
			}
		}
		for _, j := range g.byName {
			if checked[j] > 0 {
				add(g.finders[j], StatusChecked, checked[j])
			}
		}
	}
	for _, c := range r.Coverage {
		add(c.Finder, c.Status, 1)
	}
	out := make([]CellCount, 0, len(order))
	for _, k := range order {
		out = append(out, CellCount{Finder: k[0], Status: Status(k[1]), Cells: counts[k]})
	}
	sortCounts(out)
	return out
}

func sortCounts(cs []CellCount) {
	rank := map[Status]int{StatusChecked: 0, StatusSkipped: 1, StatusAccepted: 2, StatusUnknown: 3}
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Finder != cs[j].Finder {
			return cs[i].Finder < cs[j].Finder
		}
		return rank[cs[i].Status] < rank[cs[j].Status]
	})
}
