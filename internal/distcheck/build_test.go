package distcheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/defaultsg/defaultsg/internal/buildinfo"
)

// versionFlag is the -X that stamps the version `defaultsg version` prints.
func versionFlag(t *testing.T) string {
	return "-X " + modulePath(t) + "/internal/buildinfo.Version="
}

// TestVersionVariable ties versionFlag to the code: the variable exists and
// is what String (and so `defaultsg version`) prints first.
func TestVersionVariable(t *testing.T) {
	old := buildinfo.Version
	t.Cleanup(func() { buildinfo.Version = old })
	buildinfo.Version = "v9.8.7"
	if got := buildinfo.String(); got != "v9.8.7" {
		t.Fatalf("buildinfo.String() = %q with Version set; the ldflags of .goreleaser.yaml and Dockerfile set Version", got)
	}
}

// goreleaser is the part of .goreleaser.yaml checked here.
type goreleaser struct {
	Version     int    `yaml:"version"`
	ProjectName string `yaml:"project_name"`
	Builds      []struct {
		ID      string   `yaml:"id"`
		Main    string   `yaml:"main"`
		Binary  string   `yaml:"binary"`
		Env     []string `yaml:"env"`
		Goos    []string `yaml:"goos"`
		Goarch  []string `yaml:"goarch"`
		Ldflags []string `yaml:"ldflags"`
	} `yaml:"builds"`
	Archives []struct {
		NameTemplate    string   `yaml:"name_template"`
		Formats         []string `yaml:"formats"`
		FormatOverrides []struct {
			Goos    string   `yaml:"goos"`
			Formats []string `yaml:"formats"`
		} `yaml:"format_overrides"`
	} `yaml:"archives"`
	Checksum struct {
		NameTemplate string `yaml:"name_template"`
	} `yaml:"checksum"`
	Sboms []struct {
		Cmd       string   `yaml:"cmd"`
		Artifacts string   `yaml:"artifacts"`
		Args      []string `yaml:"args"`
	} `yaml:"sboms"`
}

// TestGoreleaserConfig checks what the release promises (static binaries for
// six platforms, the version stamp, archive names action.yml downloads); the
// rest of the schema is `goreleaser check`'s job in .ci/release-check.
func TestGoreleaserConfig(t *testing.T) {
	var g goreleaser
	if err := yaml.Unmarshal([]byte(readFile(t, ".goreleaser.yaml")), &g); err != nil {
		t.Fatal(err)
	}
	if g.Version != 2 || g.ProjectName != "defaultsg" {
		t.Errorf("version %d, project_name %q; want 2, defaultsg", g.Version, g.ProjectName)
	}
	if len(g.Builds) != 1 {
		t.Fatalf("%d builds, want 1", len(g.Builds))
	}
	b := g.Builds[0]
	if b.Main != "./cmd/defaultsg" || b.Binary != "defaultsg" {
		t.Errorf("build main %q binary %q; want ./cmd/defaultsg, defaultsg", b.Main, b.Binary)
	}
	if !slices.Contains(b.Env, "CGO_ENABLED=0") {
		t.Errorf("build env %v lacks CGO_ENABLED=0 (static binaries)", b.Env)
	}
	for _, os := range []string{"linux", "darwin", "windows"} {
		if !slices.Contains(b.Goos, os) {
			t.Errorf("goos %v lacks %s", b.Goos, os)
		}
	}
	for _, arch := range []string{"amd64", "arm64"} {
		if !slices.Contains(b.Goarch, arch) {
			t.Errorf("goarch %v lacks %s", b.Goarch, arch)
		}
	}
	if !strings.Contains(strings.Join(b.Ldflags, " "), versionFlag(t)+"v{{ .Version }}") {
		t.Errorf("ldflags %q do not set %sv{{ .Version }}", b.Ldflags, versionFlag(t))
	}

	// action.yml downloads defaultsg_<os>_<arch>.<tar.gz|zip> and checksums.txt.
	if len(g.Archives) != 1 {
		t.Fatalf("%d archives, want 1", len(g.Archives))
	}
	ar := g.Archives[0]
	if ar.NameTemplate != "{{ .ProjectName }}_{{ .Os }}_{{ .Arch }}" || !slices.Equal(ar.Formats, []string{"tar.gz"}) {
		t.Errorf("archive name %q formats %v: action.yml expects {{ .ProjectName }}_{{ .Os }}_{{ .Arch }}, tar.gz", ar.NameTemplate, ar.Formats)
	}
	if len(ar.FormatOverrides) != 1 || ar.FormatOverrides[0].Goos != "windows" || !slices.Equal(ar.FormatOverrides[0].Formats, []string{"zip"}) {
		t.Errorf("format_overrides %+v: action.yml expects tar.gz everywhere but a zip on windows", ar.FormatOverrides)
	}
	install := loadAction(t).stepNamed(t, "Install defaultsg (release").Run
	for _, want := range []string{`archive="defaultsg_${os}_${arch}.${ext}"`, "Linux) os=linux ext=tar.gz", "macOS) os=darwin ext=tar.gz", "Windows) os=windows ext=zip", `"$base/checksums.txt"`} {
		if !strings.Contains(install, want) {
			t.Errorf("action.yml's install step lacks %q", want)
		}
	}
	if g.Checksum.NameTemplate != "checksums.txt" {
		t.Errorf("checksum name %q, action.yml downloads checksums.txt", g.Checksum.NameTemplate)
	}
	if len(g.Sboms) != 1 || g.Sboms[0].Cmd != "cyclonedx-gomod" || g.Sboms[0].Artifacts != "binary" {
		t.Errorf("sboms %+v: want one cyclonedx-gomod per binary (.ci/release-check installs it)", g.Sboms)
	}
}

// TestDockerfile checks the image: Go as in go.mod, static build stamped
// like the release, distroless non-root final stage running defaultsg.
func TestDockerfile(t *testing.T) {
	var froms []string
	var user, entrypoint string
	var buildRun string
	for _, line := range strings.Split(strings.ReplaceAll(readFile(t, "Dockerfile"), "\\\n", " "), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		switch strings.ToUpper(fields[0]) {
		case "FROM":
			for _, f := range fields[1:] {
				if !strings.HasPrefix(f, "--") {
					froms = append(froms, f)
					break
				}
			}
			user, entrypoint = "", ""
		case "USER":
			user = fields[1]
		case "ENTRYPOINT":
			entrypoint = strings.Join(fields[1:], " ")
		case "RUN":
			if strings.Contains(line, "go build") {
				buildRun = line
			}
		}
	}
	if len(froms) < 2 {
		t.Fatalf("FROM lines %v: want a multi-stage build", froms)
	}
	if want := "golang:" + goDirective(t); froms[0] != want {
		t.Errorf("build stage FROM %s, want %s (go.mod's go line)", froms[0], want)
	}
	if last := froms[len(froms)-1]; last != "gcr.io/distroless/static-debian12:nonroot" {
		t.Errorf("final stage FROM %s, want gcr.io/distroless/static-debian12:nonroot", last)
	}
	if u, _, _ := strings.Cut(user, ":"); u == "" || u == "root" || u == "0" {
		t.Errorf("final stage USER %q, want a non-root user", user)
	}
	if !strings.Contains(entrypoint, "defaultsg") {
		t.Errorf("ENTRYPOINT %q does not run defaultsg", entrypoint)
	}
	for _, want := range []string{"CGO_ENABLED=0", "./cmd/defaultsg", versionFlag(t) + "${VERSION}"} {
		if !strings.Contains(buildRun, want) {
			t.Errorf("the go build RUN lacks %q: %s", want, buildRun)
		}
	}

	// The build context keeps the module's sources and drops VCS data.
	var ignore []string
	for _, line := range strings.Split(readFile(t, ".dockerignore"), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			ignore = append(ignore, line)
		}
	}
	ignored := func(path string) bool {
		for _, p := range ignore {
			for dir := path; dir != "."; dir = filepath.Dir(dir) {
				if ok, _ := filepath.Match(strings.TrimSuffix(p, "/"), dir); ok {
					return true
				}
			}
		}
		return false
	}
	for _, p := range []string{"go.mod", "go.sum", "cmd/defaultsg/main.go", "internal/cli/scan.go", "internal/buildinfo/buildinfo.go"} {
		if ignored(p) {
			t.Errorf(".dockerignore drops %s, which the build needs", p)
		}
	}
	for _, p := range []string{".git/HEAD", "dist/checksums.txt"} {
		if !ignored(p) {
			t.Errorf(".dockerignore keeps %s", p)
		}
	}
}

// TestGoInstallable checks what `go install <module>/cmd/defaultsg@version`
// needs: the module path, the main package there, no replace or exclude
// directives (go install refuses them), and no package of ours that needs cgo.
// TestGoInstallLatest (run by .ci/release-check) does the install itself.
func TestGoInstallable(t *testing.T) {
	if got := modulePath(t); got != "github.com/defaultsg/defaultsg" {
		t.Errorf("module %s, want github.com/defaultsg/defaultsg (the README's go install path)", got)
	}
	if !regexp.MustCompile(`(?m)^package main$`).MatchString(readFile(t, "cmd/defaultsg/main.go")) {
		t.Error("cmd/defaultsg is not package main")
	}
	if m := regexp.MustCompile(`(?m)^\s*(replace|exclude)\b`).FindString(readFile(t, "go.mod")); m != "" {
		t.Errorf("go.mod has a %s directive: go install …@version refuses modules with one", strings.TrimSpace(m))
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	cmd := exec.Command(goBin, "list", "-deps", "-f", "{{if .CgoFiles}}{{.ImportPath}}{{end}}", "./cmd/defaultsg")
	cmd.Dir, cmd.Env = root(t), append(os.Environ(), "CGO_ENABLED=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if strings.HasPrefix(pkg, modulePath(t)+"/") {
			t.Errorf("%s uses cgo; release and go install builds are CGO_ENABLED=0", pkg)
		}
	}
	cmd = exec.Command(goBin, "list", "-deps", "./cmd/defaultsg")
	cmd.Dir, cmd.Env = root(t), append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("with CGO_ENABLED=0 the package graph is incomplete: %v\n%s", err, out)
	}
}
