package scan

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/defaultsg/defaultsg/internal/iac/model"
	"github.com/defaultsg/defaultsg/internal/iac/terraform"
)

// Bounds on reading local modules that lie outside the scanned paths.
const (
	maxModuleDepth = 8
	maxModuleFiles = 500
)

// outsideModules reads the local modules (source = "./..." or "../...")
// that the scanned Terraform calls but that lie outside the scanned paths
// (scanning envs/prod whose VPC comes from ../../modules/vpc), so that
// their outputs.tf and variables resolve. Their files serve resolution
// only: findings inside them are dropped by the caller, and a module that
// cannot be read is a note.
func outsideModules(scanned []*model.TFFile, lim model.Limits) (extra []*model.TFFile, notes []FileError) {
	have := map[string]bool{}
	for _, f := range scanned {
		have[filepath.Clean(f.Dir)] = true
	}
	queue := scanned
	for depth := 0; depth < maxModuleDepth && len(queue) > 0; depth++ {
		var next []*model.TFFile
		for _, dir := range localModuleDirs(queue) {
			if have[dir] {
				continue
			}
			have[dir] = true
			files, err := readModule(dir, lim, maxModuleFiles-len(extra))
			if err != nil {
				notes = append(notes, FileError{File: dir, Err: fmt.Errorf("local module outside the scanned paths could not be read (%v); its outputs are not followed", err)})
				continue
			}
			next = append(next, files...)
			extra = append(extra, files...)
		}
		queue = next
	}
	return extra, notes
}

// localModuleDirs lists the directories of local module calls, sorted.
func localModuleDirs(files []*model.TFFile) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range files {
		for _, b := range f.Blocks {
			if b.Type != "module" {
				continue
			}
			a := b.Attr("source")
			if a == nil || !a.Expr.Known {
				continue
			}
			src, _ := a.Expr.Value.(string)
			if !strings.HasPrefix(src, "./") && !strings.HasPrefix(src, "../") {
				continue
			}
			dir := filepath.Join(f.Dir, filepath.FromSlash(src))
			if !seen[dir] {
				seen[dir] = true
				out = append(out, dir)
			}
		}
	}
	sort.Strings(out)
	return out
}

func readModule(dir string, lim model.Limits, budget int) ([]*model.TFFile, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []*model.TFFile
	for _, e := range entries {
		name := e.Name()
		if k := kindOf(name); k != kindTF && k != kindTFJSON {
			continue
		}
		if len(out) >= budget {
			return out, fmt.Errorf("more than %d module files", maxModuleFiles)
		}
		p := filepath.Join(dir, name)
		f, info, err := openRegular(p)
		if err != nil {
			return nil, err
		}
		data, err := readAll(f, info.Size(), lim.MaxBytes)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		tf, err := terraform.Parse(p, data, lim)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out = append(out, tf)
	}
	return out, nil
}
