package iostreams

import (
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/schollz/progressbar/v3"
)

// Progress counts finished units of a long run. On a TTY it draws a bar on
// stderr (done/total, errors so far, ETA); elsewhere it draws nothing.
type Progress struct {
	bar    *progressbar.ProgressBar
	errs   atomic.Int64
	mu     sync.Mutex
	prefix string
}

// StartProgress begins a progress display for total units.
func (s *IOStreams) StartProgress(total int, label string) *Progress {
	p := &Progress{prefix: label}
	if !s.ShowProgress() || total <= 0 {
		return p
	}
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(s.ErrOut),
		progressbar.OptionSetDescription(label),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100_000_000),
		progressbar.OptionSetWidth(30),
	)
	return p
}

// Done records one finished unit; failed marks it as an error.
func (p *Progress) Done(failed bool) {
	if failed {
		p.errs.Add(1)
	}
	if p.bar == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := p.errs.Load(); n > 0 {
		p.bar.Describe(p.prefix + " (" + strconv.FormatInt(n, 10) + " errors)")
	}
	_ = p.bar.Add(1)
}

// Finish removes the bar.
func (p *Progress) Finish() {
	if p.bar == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	_ = p.bar.Finish()
}

// Set shows n units done (for work measured by polling, not counted).
func (p *Progress) Set(n int) {
	if p.bar == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	_ = p.bar.Set(n)
}
