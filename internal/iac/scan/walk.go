package scan

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// fileKind is how a file is parsed.
type fileKind int

const (
	kindNone   fileKind = iota
	kindCFN             // YAML or JSON, kept only if it turns out to be a template
	kindTF              // Terraform native syntax
	kindTFJSON          // Terraform JSON syntax
)

func kindOf(name string) fileKind {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".tf.json"):
		return kindTFJSON
	case strings.HasSuffix(lower, ".tf"):
		return kindTF
	case strings.HasSuffix(lower, ".yaml"), strings.HasSuffix(lower, ".yml"),
		strings.HasSuffix(lower, ".json"), strings.HasSuffix(lower, ".template"):
		return kindCFN
	}
	return kindNone
}

// skipDir names directories that hold other people's code or build
// leftovers: downloaded modules, packages, CDK asset bundles.
func skipDir(name string) bool {
	return name == ".git" || name == ".terraform" || name == "node_modules" || strings.HasPrefix(name, "asset.")
}

type input struct {
	path string
	kind fileKind
}

// collect expands the paths into the files to parse, sorted. A file named
// explicitly is parsed even with an unknown extension (as CloudFormation,
// detected by content).
func collect(paths, excludes []string) ([]input, error) {
	seen := map[string]bool{}
	var out []input
	add := func(p string, k fileKind) {
		if !seen[p] {
			seen[p] = true
			out = append(out, input{p, k})
		}
	}
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			return nil, fmt.Errorf("scan path: %w", err)
		}
		if !info.IsDir() {
			if k := kindOf(root); k != kindNone {
				add(root, k)
			} else {
				add(root, kindCFN)
			}
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			if d.IsDir() {
				if p != root && (skipDir(d.Name()) || excluded(rel, excludes)) {
					return filepath.SkipDir
				}
				return nil
			}
			if k := kindOf(d.Name()); k != kindNone && d.Type().IsRegular() && !excluded(rel, excludes) {
				add(p, k)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("scan path %s: %w", root, err)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out, nil
}

// excluded matches rel (slash-separated, relative to the scanned root)
// against the --exclude globs. A pattern without "/" matches any path
// element ("*.test.yaml", "cdk.out"); one with "/" matches the whole
// relative path, where "**" spans directories.
func excluded(rel string, patterns []string) bool {
	for _, p := range patterns {
		if !strings.Contains(p, "/") {
			for _, el := range strings.Split(rel, "/") {
				if ok, _ := path.Match(p, el); ok {
					return true
				}
			}
			continue
		}
		if globMatch(strings.Split(p, "/"), strings.Split(rel, "/")) {
			return true
		}
	}
	return false
}

func globMatch(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(segs); i++ {
				if globMatch(pat[1:], segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], segs[0]); !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	// A pattern naming a directory excludes everything under it.
	return true
}

// ValidateExcludes rejects malformed globs up front (a usage error).
func ValidateExcludes(patterns []string) error {
	for _, p := range patterns {
		for _, seg := range strings.Split(p, "/") {
			if _, err := path.Match(seg, ""); err != nil {
				return fmt.Errorf("--exclude %q: %w", p, err)
			}
		}
	}
	return nil
}
