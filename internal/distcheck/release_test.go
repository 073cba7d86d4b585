package distcheck

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// The tests in this file need a release build: .ci/release-check makes a
// goreleaser snapshot and runs them with DEFAULTSG_DIST set to its dist dir.
// Without it they skip (the plain `go test ./...` of .ci/run runs before
// that build exists).

func distDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("DEFAULTSG_DIST")
	if dir == "" {
		t.Skip("needs a goreleaser snapshot: run by .ci/release-check (DEFAULTSG_DIST=dist)")
	}
	return dir
}

type artifact struct {
	Name   string
	Path   string
	Goos   string
	Goarch string
	Type   string
}

func artifacts(t *testing.T, dist string) []artifact {
	t.Helper()
	var as []artifact
	b, err := os.ReadFile(filepath.Join(dist, "artifacts.json"))
	if err == nil {
		err = json.Unmarshal(b, &as)
	}
	if err != nil {
		t.Fatalf("artifacts.json: %v", err)
	}
	for i := range as {
		if !filepath.IsAbs(as[i].Path) { // relative to where goreleaser ran
			as[i].Path = filepath.Join(root(t), as[i].Path)
		}
	}
	return as
}

// snapshotVersion is the version goreleaser stamped, e.g. "0.0.1-snapshot.abc1234".
func snapshotVersion(t *testing.T, dist string) (version, commit string) {
	t.Helper()
	var m struct{ Version, Commit string }
	b, err := os.ReadFile(filepath.Join(dist, "metadata.json"))
	if err == nil {
		err = json.Unmarshal(b, &m)
	}
	if err != nil || m.Version == "" {
		t.Fatalf("metadata.json: %v %+v", err, m)
	}
	return m.Version, m.Commit
}

// headCommit is a pattern for the commit part of `defaultsg version` of a
// build of this tree: "commit <HEAD's first 12>, " and ", modified" when the
// tree has changes. Go stamps no commit in a git worktree (its .git is a
// file, which go's VCS probe does not follow): there the part is absent.
func headCommit(t *testing.T) string {
	t.Helper()
	if fi, err := os.Stat(filepath.Join(root(t), ".git")); err == nil && !fi.IsDir() {
		return ""
	}
	cmd := exec.Command("git", "rev-parse", "HEAD")
	cmd.Dir = root(t)
	out, err := cmd.Output()
	if err != nil || len(strings.TrimSpace(string(out))) < 12 {
		t.Fatalf("git rev-parse HEAD: %v", err)
	}
	return "commit " + strings.TrimSpace(string(out))[:12] + "(, modified)?, "
}

var platforms = []string{"linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64", "windows/amd64", "windows/arm64"}

// TestReleaseSnapshot checks goreleaser's output: an archive, a static
// stamped binary and an SBOM per platform, and checksums that match.
func TestReleaseSnapshot(t *testing.T) {
	dist := distDir(t)
	version, _ := snapshotVersion(t, dist)
	as := artifacts(t, dist)
	byType := map[string][]artifact{}
	for _, a := range as {
		byType[a.Type] = append(byType[a.Type], a)
	}

	// Checksums: every archive listed with its real sha256.
	sums := map[string]string{}
	b, err := os.ReadFile(filepath.Join(dist, "checksums.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		sum, name, _ := strings.Cut(line, "  ")
		sums[name] = sum
	}
	var archives []string
	for _, a := range byType["Archive"] {
		archives = append(archives, a.Name)
		data, err := os.ReadFile(a.Path)
		if err != nil {
			t.Fatal(err)
		}
		if got := sha256.Sum256(data); sums[a.Name] != hex.EncodeToString(got[:]) {
			t.Errorf("checksums.txt has %q for %s, the file's sha256 is %x", sums[a.Name], a.Name, got)
		}
	}
	var want []string
	for _, p := range platforms {
		goos, goarch, _ := strings.Cut(p, "/")
		ext := "tar.gz"
		if goos == "windows" {
			ext = "zip"
		}
		want = append(want, fmt.Sprintf("defaultsg_%s_%s.%s", goos, goarch, ext))
	}
	slices.Sort(archives)
	slices.Sort(want)
	if !slices.Equal(archives, want) {
		t.Errorf("archives %v, want %v", archives, want)
	}

	// Binaries: one per platform, static, stamped with the version.
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	var host string
	seen := map[string]bool{}
	for _, a := range byType["Binary"] {
		p := a.Goos + "/" + a.Goarch
		seen[p] = true
		out, err := exec.Command(goBin, "version", "-m", a.Path).CombinedOutput()
		if err != nil {
			t.Errorf("go version -m %s: %v\n%s", a.Path, err, out)
			continue
		}
		info := string(out)
		for _, want := range []string{"CGO_ENABLED=0", "GOOS=" + a.Goos, "GOARCH=" + a.Goarch, "-trimpath=true"} {
			if !strings.Contains(info, want) {
				t.Errorf("%s: build info lacks %q:\n%s", p, want, info)
			}
		}
		// With -trimpath go records no -ldflags; the stamped string is in
		// the binary's data (it cannot be run here unless it is the host's).
		if data, err := os.ReadFile(a.Path); err != nil || !bytes.Contains(data, []byte("v"+version)) {
			t.Errorf("%s: binary does not hold the version v%s (%v)", p, version, err)
		}
		if p == runtime.GOOS+"/"+runtime.GOARCH {
			host = a.Path
		}
	}
	for _, p := range platforms {
		if !seen[p] {
			t.Errorf("no binary for %s", p)
		}
	}
	if host != "" {
		out, err := exec.Command(host, "version").CombinedOutput()
		// Go 1.24+ also stamps the main module's pseudo-version from a
		// clone's VCS ("module v0.0.0-…-<commit>, "), not in a worktree.
		want := regexp.QuoteMeta("defaultsg v"+version+" (") + "(module v[^,]+, )?" + headCommit(t) +
			regexp.QuoteMeta(fmt.Sprintf("%s, %s/%s)", runtime.Version(), runtime.GOOS, runtime.GOARCH)) + "\n$"
		if err != nil || !regexp.MustCompile("^"+want).Match(out) {
			t.Errorf("%s version = %q (%v), want /%s/", host, out, err, want)
		}
	}

	// SBOMs: CycloneDX JSON per binary, naming what is linked in.
	if len(byType["SBOM"]) != len(platforms) {
		t.Errorf("%d SBOMs, want %d", len(byType["SBOM"]), len(platforms))
	}
	for _, a := range byType["SBOM"] {
		var bom struct {
			BOMFormat string `json:"bomFormat"`
			Metadata  struct {
				Component struct{ Name, Version string }
			}
			Components []struct {
				Name, Version string
				Licenses      []any
			}
		}
		data, err := os.ReadFile(a.Path)
		if err == nil {
			err = json.Unmarshal(data, &bom)
		}
		if err != nil || bom.BOMFormat != "CycloneDX" {
			t.Errorf("%s: not a CycloneDX JSON document: %v", a.Name, err)
			continue
		}
		if c := bom.Metadata.Component; c.Name != modulePath(t) || c.Version != "v"+version {
			t.Errorf("%s: SBOM of %s %s, want %s v%s", a.Name, c.Name, c.Version, modulePath(t), version)
		}
		var names []string
		for _, c := range bom.Components {
			names = append(names, c.Name)
		}
		for _, dep := range []string{"github.com/spf13/cobra", "github.com/aws/aws-sdk-go-v2/service/ec2", "github.com/hashicorp/hcl/v2"} {
			if !slices.Contains(names, dep) {
				t.Errorf("%s: no component %s among %d", a.Name, dep, len(names))
			}
		}
	}
}

// TestActionInstallsRelease runs action.yml's install step against the
// snapshot served as a file:// release: it downloads this runner's archive,
// checks it against checksums.txt and puts a working defaultsg on PATH; a
// tampered archive is refused.
func TestActionInstallsRelease(t *testing.T) {
	dist := distDir(t)
	if runtime.GOOS != "linux" {
		t.Skip("the step is run here as on a Linux runner")
	}
	version, _ := snapshotVersion(t, dist)
	a := loadAction(t)
	install := a.stepNamed(t, "Install defaultsg (release")
	runnerArch := map[string]string{"amd64": "X64", "arm64": "ARM64"}[runtime.GOARCH]

	release := func(t *testing.T, tamper bool) string {
		releases := t.TempDir()
		dl := filepath.Join(releases, "latest", "download")
		if err := os.MkdirAll(dl, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"checksums.txt", "defaultsg_linux_" + runtime.GOARCH + ".tar.gz"} {
			data, err := os.ReadFile(filepath.Join(dist, name))
			if err != nil {
				t.Fatal(err)
			}
			if tamper && strings.HasSuffix(name, ".tar.gz") {
				data[len(data)/2] ^= 0xff
			}
			if err := os.WriteFile(filepath.Join(dl, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return "file://" + releases
	}
	env := []string{"RUNNER_OS=Linux", "RUNNER_ARCH=" + runnerArch}

	r := runStep(t, a, install, t.TempDir(), map[string]string{"download-url": release(t, false)}, nil, env...)
	if r.code != 0 || len(r.path) != 1 {
		t.Fatalf("install step: exit %d, GITHUB_PATH %v\n%s", r.code, r.path, r.log)
	}
	out, err := exec.Command(filepath.Join(r.path[0], "defaultsg"), "version").CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "defaultsg v"+version+" (") {
		t.Errorf("installed defaultsg version = %q (%v), want v%s", out, err, version)
	}

	r = runStep(t, a, install, t.TempDir(), map[string]string{"download-url": release(t, true)}, nil, env...)
	if r.code == 0 || len(r.path) != 0 {
		t.Errorf("install step accepted a tampered archive: exit %d, GITHUB_PATH %v\n%s", r.code, r.path, r.log)
	}
}

// TestGoInstallLatest does what the README tells users to do,
// `go install github.com/defaultsg/defaultsg/cmd/defaultsg@latest`, through
// action.yml's go install step (install: go), against
// a module proxy on disk that serves this tree as v1.<now>.0 (and the real
// proxy, or the module cache, for the dependencies). It fails on anything
// that breaks go install of a published version: replace directives, a
// moved main package, files a module zip cannot hold.
func TestGoInstallLatest(t *testing.T) {
	distDir(t)
	// A new version each run: the module cache keeps what it extracted
	// under a version, and must not serve an older tree.
	version := fmt.Sprintf("v1.%d.0", time.Now().Unix())
	mod := modulePath(t)
	t.Cleanup(func() { dropFromModCache(t, mod, version) })
	proxy := t.TempDir()
	vdir := filepath.Join(proxy, filepath.FromSlash(mod), "@v")
	if err := os.MkdirAll(vdir, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(vdir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("list", []byte(version+"\n"))
	write(version+".info", fmt.Appendf(nil, `{"Version":%q,"Time":%q}`, version, time.Now().UTC().Format(time.RFC3339)))
	write(version+".mod", []byte(readFile(t, "go.mod")))
	write(version+".zip", moduleZip(t, mod+"@"+version))

	gobin := t.TempDir()
	upstream := os.Getenv("GOPROXY")
	if upstream == "" {
		upstream = "https://proxy.golang.org,direct"
	}
	// The action's go install step, as a runner would run it.
	a := loadAction(t)
	env := []string{"GOBIN=" + gobin, "GOFLAGS=", "GOTOOLCHAIN=local",
		"GOPROXY=file://" + filepath.ToSlash(proxy) + "," + upstream,
		"GONOSUMDB=" + mod, "GOPRIVATE=", "GONOPROXY="}
	start := time.Now()
	r := runStep(t, a, a.stepNamed(t, "Install defaultsg (go install"), t.TempDir(), map[string]string{"version": "latest"}, nil, env...)
	if r.code != 0 || !slices.Equal(r.path, []string{gobin}) {
		t.Fatalf("go install %s/cmd/defaultsg@latest: exit %d, GITHUB_PATH %v\n%s", mod, r.code, r.path, r.log)
	}
	t.Logf("go install …@latest took %s", time.Since(start).Round(time.Second))
	out, err := exec.Command(filepath.Join(gobin, "defaultsg"), "version").CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "defaultsg "+version+" (") {
		t.Errorf("defaultsg version after go install = %q (%v), want %s", out, err, version)
	}
}

// moduleZip zips the module's files (git's tracked and untracked-but-not-
// ignored files) under prefix, as the module proxy serves them.
func moduleZip(t *testing.T, prefix string) []byte {
	t.Helper()
	dir := root(t)
	cmd := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		fi, err := os.Lstat(filepath.Join(dir, name))
		if err != nil || !fi.Mode().IsRegular() {
			continue // deleted in the work tree, or a symlink (module zips hold neither)
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(prefix + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// dropFromModCache removes mod@version from the module cache (read-only
// files, as go leaves them).
func dropFromModCache(t *testing.T, mod, version string) {
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil || strings.TrimSpace(string(out)) == "" {
		t.Logf("go env GOMODCACHE: %v", err)
		return
	}
	cache := strings.TrimSpace(string(out))
	dirs := []string{filepath.Join(cache, filepath.FromSlash(mod)+"@"+version)}
	dl, _ := filepath.Glob(filepath.Join(cache, "cache", "download", filepath.FromSlash(mod), "@v", version+".*"))
	for _, p := range append(dirs, dl...) {
		_ = filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				_ = os.Chmod(path, 0o755)
			}
			return nil
		})
		if err := os.RemoveAll(p); err != nil {
			t.Logf("cleaning the module cache: %v", err)
		}
	}
}
