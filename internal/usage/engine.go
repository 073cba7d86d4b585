package usage

import (
	"context"
	"sort"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/defaultsg/defaultsg/internal/awsx"
)

// Status of one (account, region, finder) cell.
type Status string

const (
	StatusChecked  Status = "checked"
	StatusSkipped  Status = "skipped"  // the service is not offered in the region
	StatusUnknown  Status = "unknown"  // access denied or error: could not look
	StatusAccepted Status = "accepted" // unknown, but the user accepted the gap (--accept-unknown)
)

// Coverage records what happened in one cell.
type Coverage struct {
	Account   string `json:"account"`
	Region    string `json:"region"`
	Finder    string `json:"finder"`
	Status    Status `json:"status"`
	ErrorCode string `json:"error_code,omitempty"`
	Error     string `json:"error,omitempty"`
}

// Options tune a run.
type Options struct {
	// Concurrency is the global bound (--concurrency); the per-account-region
	// and per-service bounds below apply under it.
	Concurrency      int
	PerAccountRegion int // 0 = awsx.DefaultPerAccountRegion
	PerService       int // 0 = awsx.DefaultPerService
	// AcceptUnknown names finders whose unknown cells do not block.
	AcceptUnknown []string
	OnUnitDone    func(failed bool)
}

// Run runs every finder for every target (one target per account-region)
// and aggregates each cell as it arrives: a checked cell is one byte of the
// grid, only a cell that was not checked keeps its details (Result.Coverage),
// so memory follows the users found and the gaps, not the cells checked.
func Run(ctx context.Context, scope awsx.Scope, targets []Target, finders []Finder, opts Options) (Result, error) {
	accepted := map[string]bool{}
	for _, n := range opts.AcceptUnknown {
		accepted[n] = true
	}
	g := newGrid(targets, finders)
	bases := map[string]aws.Config{}
	for _, a := range scope.Accounts {
		bases[a.ID] = a.Base
	}
	svcs := make([]string, len(finders))
	for j, f := range finders {
		svcs[j] = f.Service
	}
	var (
		mu     sync.Mutex
		usages []Usage
	)
	limits := awsx.Limits{Global: opts.Concurrency, PerGroup: opts.PerAccountRegion, PerService: opts.PerService}
	err := awsx.RunGrouped(ctx, limits, len(g.targets), func(int) []string { return svcs }, func(ctx context.Context, i, j int) error {
		t, f := g.targets[i], finders[j]
		us, ferr := f.Find(ctx, awsx.ForRegion(bases[t.Account], t.Region), t)
		if opts.OnUnitDone != nil {
			opts.OnUnitDone(ferr != nil)
		}
		if ferr != nil && ctx.Err() != nil {
			return ctx.Err()
		}
		for k := range us {
			us[k].Account, us[k].Region, us[k].Finder = t.Account, t.Region, f.Name
		}
		mu.Lock()
		defer mu.Unlock()
		// Partial results of a failed finder are kept: they are real users.
		usages = append(usages, us...)
		if ferr == nil {
			g.set(i, j, cellChecked)
			if f.Service == "ec2" {
				g.ec2Answered[i] = true
			}
			return nil
		}
		p := awsx.ProblemOf(t.Account, t.Region, f.Name, ferr)
		c := gap{Coverage: Coverage{Account: t.Account, Region: t.Region, Finder: f.Name, Status: StatusUnknown,
			ErrorCode: awsx.ErrorCode(ferr), Error: p.Operation + ": " + p.Message}}
		switch {
		case noEndpoint(f, ferr):
			// Confirmed or turned unknown once EC2's cells are in.
			c.Status = StatusSkipped
			c.host, _ = awsx.NoSuchHost(ferr)
		case accepted[f.Name]:
			c.Status = StatusAccepted
		}
		g.setGap(i, j, c)
		return nil
	})
	if err != nil && ctx.Err() == nil {
		return Result{}, err
	}
	if err != nil {
		// Interrupted: what was read is returned with the error; a cell not
		// read is unknown, so the partial result never says "unused".
		g.each(func(i, j int, st byte) {
			if st == cellUnread {
				t := g.targets[i]
				g.setGap(i, j, gap{Coverage: Coverage{Account: t.Account, Region: t.Region, Finder: finders[j].Name,
					Status: StatusUnknown, Error: "interrupted before this cell was read"}})
			}
		})
	}
	confirmNotOffered(g, accepted)
	return g.result(usages), err
}

// Cell states in the grid; a cell in any other state than checked has its
// details in grid.gaps.
const (
	cellUnread byte = iota
	cellChecked
	cellGap
)

// gap is a cell that was not checked, with the host that did not resolve
// for a tentative skip (see confirmNotOffered).
type gap struct {
	Coverage
	host string
}

// grid is targets × finders, one byte a cell.
type grid struct {
	targets     []Target // with at least one group, sorted by account and region
	finders     []string
	cells       []byte
	gaps        map[int]gap
	ec2Answered []bool // per target: an EC2 finder was checked there
	byName      []int  // finder indexes in name order
}

func newGrid(targets []Target, finders []Finder) *grid {
	g := &grid{gaps: map[int]gap{}}
	for _, t := range targets {
		if len(t.GroupIDs) > 0 {
			g.targets = append(g.targets, t)
		}
	}
	sort.SliceStable(g.targets, func(a, b int) bool {
		if g.targets[a].Account != g.targets[b].Account {
			return g.targets[a].Account < g.targets[b].Account
		}
		return g.targets[a].Region < g.targets[b].Region
	})
	for _, f := range finders {
		g.finders = append(g.finders, f.Name)
	}
	g.cells = make([]byte, len(g.targets)*len(finders))
	g.ec2Answered = make([]bool, len(g.targets))
	return g
}

func (g *grid) set(i, j int, st byte) { g.cells[i*len(g.finders)+j] = st }

func (g *grid) setGap(i, j int, c gap) {
	g.set(i, j, cellGap)
	g.gaps[i*len(g.finders)+j] = c
}

func (g *grid) each(fn func(i, j int, st byte)) {
	for k, st := range g.cells {
		fn(k/len(g.finders), k%len(g.finders), st)
	}
}

// result sorts the usages and lists the gaps, in the report's order.
func (g *grid) result(usages []Usage) Result {
	r := Result{Usages: usages, Coverage: []Coverage{}, grid: g}
	if r.Usages == nil {
		r.Usages = []Usage{}
	}
	// Finder columns in name order, as reports list a cell's finders.
	g.byName = make([]int, len(g.finders))
	for j := range g.byName {
		g.byName[j] = j
	}
	sort.SliceStable(g.byName, func(a, b int) bool { return g.finders[g.byName[a]] < g.finders[g.byName[b]] })
	for i := range g.targets {
		for _, j := range g.byName {
			if c, ok := g.gaps[i*len(g.finders)+j]; ok {
				r.Coverage = append(r.Coverage, c.Coverage)
			}
		}
	}
	sortUsages(r.Usages)
	r.index()
	return r
}

func sortUsages(us []Usage) {
	sort.SliceStable(us, func(i, j int) bool {
		a, b := us[i], us[j]
		for _, p := range [][2]string{{a.Account, b.Account}, {a.Region, b.Region}, {a.GroupID, b.GroupID},
			{string(a.Kind), string(b.Kind)}, {a.Finder, b.Finder}, {a.ResourceID, b.ResourceID}, {a.Detail, b.Detail}} {
			if p[0] != p[1] {
				return p[0] < p[1]
			}
		}
		return false
	})
}
