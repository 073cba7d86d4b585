package usage

import (
	"context"
	"sort"

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
	Concurrency int
	// AcceptUnknown names finders whose unknown cells do not block.
	AcceptUnknown []string
	OnUnitDone    func(failed bool)
}

// Result is every usage and every coverage cell, sorted.
type Result struct {
	Usages   []Usage    `json:"usages"`
	Coverage []Coverage `json:"coverage"`
}

type cell struct {
	usages []Usage
	cov    Coverage
	err    error // the finder's error, for confirmNotOffered
}

type job struct {
	t Target
	f Finder
}

// Run runs every finder for every target (one target per account-region).
func Run(ctx context.Context, scope awsx.Scope, targets []Target, finders []Finder, opts Options) (Result, error) {
	accepted := map[string]bool{}
	for _, n := range opts.AcceptUnknown {
		accepted[n] = true
	}
	var jobs []job
	var units []awsx.Unit
	for _, t := range targets {
		if len(t.GroupIDs) == 0 {
			continue
		}
		for _, f := range finders {
			jobs = append(jobs, job{t, f})
			units = append(units, awsx.Unit{Account: t.Account, Region: t.Region, Task: f.Name})
		}
	}
	cells, err := awsx.Run(ctx, opts.Concurrency, units, func(ctx context.Context, i int, u awsx.Unit) (cell, error) {
		j := jobs[i]
		cfg, _ := scope.Config(u.Account, u.Region)
		us, ferr := j.f.Find(ctx, cfg, j.t)
		if opts.OnUnitDone != nil {
			opts.OnUnitDone(ferr != nil)
		}
		cov := Coverage{Account: u.Account, Region: u.Region, Finder: j.f.Name, Status: StatusChecked}
		if ferr != nil {
			if ctx.Err() != nil {
				return cell{}, ctx.Err()
			}
			p := awsx.ProblemOf(u.Account, u.Region, j.f.Name, ferr)
			cov.ErrorCode, cov.Error = awsx.ErrorCode(ferr), p.Operation+": "+p.Message
			switch {
			case noEndpoint(j.f, ferr):
				// Confirmed or turned unknown below, once EC2's cells are in.
				cov.Status = StatusSkipped
			case accepted[j.f.Name]:
				cov.Status = StatusAccepted
			default:
				cov.Status = StatusUnknown
			}
			// Partial results of a failed finder are kept: they are real users.
		}
		for i := range us {
			us[i].Account, us[i].Region, us[i].Finder = u.Account, u.Region, j.f.Name
		}
		return cell{usages: us, cov: cov, err: ferr}, nil
	})
	if err != nil && ctx.Err() == nil {
		return Result{}, err
	}
	if err != nil {
		// Interrupted: what was read is returned with the error; a cell not
		// read is unknown, so the partial result never says "unused".
		for i := range cells {
			if cells[i].cov.Finder == "" {
				u := units[i]
				cells[i] = cell{cov: Coverage{Account: u.Account, Region: u.Region, Finder: jobs[i].f.Name,
					Status: StatusUnknown, Error: "interrupted before this cell was read"}}
			}
		}
	}
	confirmNotOffered(cells, jobs, accepted)
	res := Result{Usages: []Usage{}, Coverage: []Coverage{}}
	for _, c := range cells {
		res.Usages = append(res.Usages, c.usages...)
		res.Coverage = append(res.Coverage, c.cov)
	}
	sortResult(&res)
	return res, err
}

func sortResult(r *Result) {
	sort.SliceStable(r.Usages, func(i, j int) bool {
		a, b := r.Usages[i], r.Usages[j]
		for _, p := range [][2]string{{a.Account, b.Account}, {a.Region, b.Region}, {a.GroupID, b.GroupID},
			{string(a.Kind), string(b.Kind)}, {a.Finder, b.Finder}, {a.ResourceID, b.ResourceID}, {a.Detail, b.Detail}} {
			if p[0] != p[1] {
				return p[0] < p[1]
			}
		}
		return false
	})
	sort.SliceStable(r.Coverage, func(i, j int) bool {
		a, b := r.Coverage[i], r.Coverage[j]
		if a.Account != b.Account {
			return a.Account < b.Account
		}
		if a.Region != b.Region {
			return a.Region < b.Region
		}
		return a.Finder < b.Finder
	})
}
