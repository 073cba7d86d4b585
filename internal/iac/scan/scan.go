// Package scan runs the IaC checks over files and directories: it finds the
// templates, parses them in parallel within limits, applies the rules and
// the inline suppressions, and returns results in a deterministic order.
package scan

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"

	"golang.org/x/sync/errgroup"

	"github.com/defaultsg/defaultsg/internal/iac/cdk"
	"github.com/defaultsg/defaultsg/internal/iac/cfn"
	"github.com/defaultsg/defaultsg/internal/iac/model"
	"github.com/defaultsg/defaultsg/internal/iac/rules"
	"github.com/defaultsg/defaultsg/internal/iac/terraform"
)

// Options select what to scan.
type Options struct {
	Paths    []string
	Excludes []string
	Limits   model.Limits
	// Workers bounds parallel parsing; 0 means GOMAXPROCS.
	Workers int
}

// FileError is a file that could not be parsed. It is always reported:
// a skipped file could hide a finding.
type FileError struct {
	File string
	Err  error
}

// Suppressed is a finding silenced by an inline comment, kept for reports.
type Suppressed struct {
	Finding model.Finding
	Reason  string
}

// Result is one scan's outcome.
type Result struct {
	Files      int   // files parsed as templates, Terraform or CDK app source
	Skipped    int   // YAML/JSON files that are not CloudFormation templates
	Bytes      int64 // bytes read
	Findings   []model.Finding
	Suppressed []Suppressed
	Errors     []FileError
	// Notes are paths the walk skipped for a reason the user should see: a
	// symlink pointing outside the scanned paths, a FIFO or device, a
	// directory reached twice. They do not make the scan incomplete.
	Notes []FileError
}

type parsed struct {
	tpl      *model.Template
	tf       *model.TFFile
	src      *model.SourceFile
	note     error // skipped for a reason worth showing
	size     int64
	skipped  bool
	err      error
	sups     []suppression
	problems []model.Finding
}

// Run scans opts.Paths. Its error is for unusable arguments (a path that
// does not exist); per-file problems are in Result.Errors.
func Run(ctx context.Context, opts Options) (*Result, error) {
	files, notes, err := collect(opts.Paths, opts.Excludes)
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	var bad rules.Rule
	for _, r := range rules.All() {
		known[r.ID] = true
		if r.ID == rules.IDBadSuppression {
			bad = r
		}
	}
	slots := make([]parsed, len(files))
	g, gctx := errgroup.WithContext(ctx)
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	g.SetLimit(workers)
	for i, in := range files {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			slots[i] = parseOne(in, opts.Limits, known, &bad)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	followMembers(files, slots, opts.Limits, known, &bad)
	res := &Result{Notes: notes}
	var templates []*model.Template
	var tfFiles []*model.TFFile
	var sources []*model.SourceFile
	var sups []suppression
	for i, p := range slots {
		res.Bytes += p.size
		switch {
		case p.note != nil:
			res.Notes = append(res.Notes, FileError{File: files[i].path, Err: p.note})
		case p.err != nil:
			res.Errors = append(res.Errors, FileError{File: files[i].path, Err: p.err})
		case p.skipped:
			res.Skipped++
		case p.tpl != nil:
			templates = append(templates, p.tpl)
		case p.tf != nil:
			tfFiles = append(tfFiles, p.tf)
		case p.src != nil:
			sources = append(sources, p.src)
		}
		if p.err == nil && !p.skipped && (p.tpl != nil || p.tf != nil || p.src != nil) {
			res.Files++
			sups = append(sups, p.sups...)
			res.Findings = append(res.Findings, p.problems...)
		}
	}
	extra, modNotes := outsideModules(tfFiles, opts.Limits)
	res.Notes = append(res.Notes, modNotes...)
	resolveOnly := map[string]bool{}
	for _, f := range extra {
		resolveOnly[f.Path] = true
	}
	w := rules.NewWorkspace(templates, append(tfFiles, extra...))
	w.Sources = sources
	for _, f := range dedupe(rules.Run(w)) {
		if resolveOnly[f.Pos.File] {
			continue // in a module read only to follow its outputs
		}
		if s, ok := suppressedBy(sups, f); ok {
			res.Suppressed = append(res.Suppressed, Suppressed{Finding: f, Reason: s.reason})
			continue
		}
		res.Findings = append(res.Findings, f)
	}
	sort.SliceStable(res.Findings, func(i, j int) bool { return res.Findings[i].Less(res.Findings[j]) })
	sort.SliceStable(res.Notes, func(i, j int) bool { return res.Notes[i].File < res.Notes[j].File })
	sort.SliceStable(res.Suppressed, func(i, j int) bool { return res.Suppressed[i].Finding.Less(res.Suppressed[j].Finding) })
	return res, nil
}

// parseOne reads and parses one file. A panic in a third-party parser is
// turned into this file's error: one hostile file must not end the scan.
func parseOne(in input, lim model.Limits, known map[string]bool, bad *rules.Rule) (p parsed) {
	defer func() {
		if r := recover(); r != nil {
			p = parsed{err: fmt.Errorf("parser failed on this input: %v", r)}
		}
	}()
	f, info, err := openRegular(in.path)
	if err != nil {
		return parsed{err: err}
	}
	defer f.Close()
	kind := in.kind
	var data []byte
	if kind == kindSniff {
		head, err := readHead(f, sniffBytes)
		if err != nil {
			return parsed{err: err}
		}
		p.size = int64(len(head))
		switch sniff(head) {
		case sniffCFN:
			kind = kindCFN
		case sniffHCL:
			kind = kindTF
		default:
			// Binary or unrelated: skipped silently, unless named on the
			// command line, where "not a template" is worth a count.
			return parsed{size: p.size, skipped: in.named}
		}
		rest, err := readAll(f, info.Size()-int64(len(head)), max(0, lim.MaxBytes-int64(len(head))))
		if err != nil {
			if errors.Is(err, model.ErrTooComplex) {
				err = tooLarge(info.Size(), lim.MaxBytes)
			}
			return parsed{err: err}
		}
		data = append(head, rest...)
	} else {
		if kind == kindSource && lim.MaxBytes > 0 && info.Size() > lim.MaxBytes {
			// Bundled or generated code, not an app someone writes.
			return parsed{note: fmt.Errorf("source file is %d bytes, over --max-file-size %d; not read", info.Size(), lim.MaxBytes)}
		}
		data, err = readAll(f, info.Size(), lim.MaxBytes)
		if err != nil {
			return parsed{err: err}
		}
	}
	p.size = int64(len(data))
	switch kind {
	case kindTF, kindTFJSON:
		p.tf, p.err = terraform.Parse(in.path, data, lim)
	case kindCDKConfig:
		p.src, p.err = cdk.ParseConfig(in.path, data)
		if p.err == nil && len(p.src.Uses) == 0 {
			return parsed{size: p.size, skipped: true} // read, nothing to check
		}
	case kindSource:
		if !cdk.Candidate(data) {
			return parsed{size: p.size}
		}
		p.src, p.err = cdk.Parse(in.path, data, lim, in.cdkApp)
		if p.err == nil && p.src == nil {
			return parsed{size: p.size} // not a CDK app
		}
	default:
		p.tpl, p.err = cfn.Parse(in.path, data, lim)
		if errors.Is(p.err, cfn.ErrNotTemplate) {
			p.err, p.skipped = nil, true
		}
	}
	if p.err == nil && !p.skipped {
		p.sups, p.problems = parseSuppressions(in.path, data, known, bad)
	}
	return p
}

func suppressedBy(sups []suppression, f model.Finding) (suppression, bool) {
	for _, s := range sups {
		if s.covers(f) {
			return s, true
		}
	}
	return suppression{}, false
}

// dedupe drops repeats of the same rule at the same spot, which arise when
// two references in one expression resolve to the same group.
func dedupe(fs []model.Finding) []model.Finding {
	type key struct {
		rule, resource, path string
		pos                  model.Pos
	}
	seen := map[key]bool{}
	out := fs[:0]
	for _, f := range fs {
		k := key{f.RuleID, f.Resource, f.Path, f.Pos}
		if !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	return out
}
