package scan

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/defaultsg/defaultsg/internal/iac/cdk"
)

// fileKind is how a file is parsed.
type fileKind int

const (
	kindNone      fileKind = iota
	kindCFN                // YAML or JSON, kept only if it turns out to be a template
	kindTF                 // Terraform native syntax
	kindTFJSON             // Terraform JSON syntax
	kindSource             // CDK app source (TypeScript, JavaScript, Python, Java, C#, Go)
	kindCDKConfig          // cdk.json: its feature flags
	kindSniff              // unknown extension: recognised by content or skipped
)

func kindOf(name string) fileKind {
	if cdk.IsConfig(filepath.Base(name)) {
		return kindCDKConfig
	}
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
	if _, ok := cdk.LangOf(name); ok {
		return kindSource
	}
	return kindSniff
}

// skipDir names directories that hold other people's code or build
// leftovers: downloaded modules, packages, CDK asset bundles.
func skipDir(name string) bool {
	return name == ".git" || name == ".terraform" || name == "node_modules" || strings.HasPrefix(name, "asset.")
}

type input struct {
	path string
	kind fileKind
	// cdkApp is true when a cdk.json sits in the file's directory or above
	// it inside the scanned root, which makes its source a CDK app.
	cdkApp bool
	// named is true for a file given on the command line rather than found
	// by the walk: it is parsed whatever its extension.
	named bool
}

// walker expands the scanned paths. Symlinks are followed when they point
// inside a scanned root (each real directory is entered once, which also
// stops loops); links that point outside, dangling links and special files
// (FIFOs, devices, sockets) are skipped with a note, never silently.
type walker struct {
	excludes []string
	roots    []string // real paths of the scanned directories
	seen     map[string]bool
	dirs     map[string]bool // real directories entered
	out      []input
	notes    []FileError
}

// collect expands the paths into the files to parse, sorted, and the notes
// about what the walk skipped.
func collect(paths, excludes []string) ([]input, []FileError, error) {
	w := &walker{excludes: excludes, seen: map[string]bool{}, dirs: map[string]bool{}}
	for _, root := range paths {
		if _, err := os.Stat(root); err != nil {
			return nil, nil, fmt.Errorf("scan path: %w", err)
		}
		if real, err := filepath.EvalSymlinks(root); err == nil {
			if abs, err := filepath.Abs(real); err == nil {
				w.roots = append(w.roots, abs)
			}
		}
	}
	for _, root := range paths {
		info, _ := os.Stat(root)
		if !info.IsDir() {
			// A path named explicitly is read even if it is not a regular
			// file; reading refuses it with an error (exit 4).
			k := kindOf(root)
			w.add(input{path: root, kind: k, named: true, cdkApp: k == kindSource && cdkAppAt(filepath.Dir(root))})
			continue
		}
		if err := w.dir(root, root, cdkAppAt(root)); err != nil {
			return nil, nil, fmt.Errorf("scan path %s: %w", root, err)
		}
	}
	sort.Slice(w.out, func(i, j int) bool { return w.out[i].path < w.out[j].path })
	sort.Slice(w.notes, func(i, j int) bool { return w.notes[i].File < w.notes[j].File })
	return w.out, w.notes, nil
}

func (w *walker) add(in input) {
	if !w.seen[in.path] {
		w.seen[in.path] = true
		w.out = append(w.out, in)
	}
}

func (w *walker) note(p string, format string, args ...any) {
	w.notes = append(w.notes, FileError{File: p, Err: fmt.Errorf(format, args...)})
}

// cdkAppAt reports a cdk.json in dir or a directory above it (scanning
// lib/ of a CDK app), stopping at a repository root.
func cdkAppAt(dir string) bool {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return hasCDKJSON(dir)
	}
	for {
		if hasCDKJSON(abs) {
			return true
		}
		if _, err := os.Stat(filepath.Join(abs, ".git")); err == nil {
			return false
		}
		up := filepath.Dir(abs)
		if up == abs {
			return false
		}
		abs = up
	}
}

func hasCDKJSON(dir string) bool {
	info, err := os.Stat(filepath.Join(dir, "cdk.json"))
	return err == nil && info.Mode().IsRegular()
}

// dir walks p (shown as p, relative paths for --exclude from root).
func (w *walker) dir(root, p string, cdkApp bool) error {
	if real, err := realAbs(p); err == nil {
		if w.dirs[real] {
			w.note(p, "directory already scanned through another path (symlink loop or second link); skipped")
			return nil
		}
		w.dirs[real] = true
	}
	entries, err := os.ReadDir(p)
	if err != nil {
		return err
	}
	for _, d := range entries {
		child := filepath.Join(p, d.Name())
		rel, _ := filepath.Rel(root, child)
		rel = filepath.ToSlash(rel)
		typ := d.Type()
		if typ&fs.ModeSymlink != 0 {
			target, ok := w.followLink(child)
			if !ok {
				continue
			}
			typ = target.Mode().Type()
		}
		switch {
		case typ.IsDir():
			if skipDir(d.Name()) || excluded(rel, w.excludes) {
				continue
			}
			if err := w.dir(root, child, cdkApp || hasCDKJSON(child)); err != nil {
				return err
			}
		case typ.IsRegular():
			if !excluded(rel, w.excludes) {
				w.add(input{path: child, kind: kindOf(d.Name()), cdkApp: cdkApp})
			}
		default:
			if !excluded(rel, w.excludes) {
				w.note(child, "not a regular file (%s); skipped", kindName(typ))
			}
		}
	}
	return nil
}

// followLink resolves a symlink met in the walk. It is followed only when
// its target exists and lies inside one of the scanned roots.
func (w *walker) followLink(p string) (fs.FileInfo, bool) {
	real, err := realAbs(p)
	if err != nil {
		w.note(p, "symlink cannot be resolved (%v); skipped", unwrapPathErr(err))
		return nil, false
	}
	inside := false
	for _, r := range w.roots {
		if real == r || strings.HasPrefix(real, r+string(filepath.Separator)) {
			inside = true
		}
	}
	if !inside {
		w.note(p, "symlink points outside the scanned paths (to %s); skipped", real)
		return nil, false
	}
	info, err := os.Stat(real)
	if err != nil {
		w.note(p, "symlink target cannot be read (%v); skipped", unwrapPathErr(err))
		return nil, false
	}
	return info, true
}

func realAbs(p string) (string, error) {
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return "", err
	}
	return filepath.Abs(real)
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

func kindName(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return "special file"
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
