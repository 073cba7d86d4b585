package e2e

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// What held in the red-team run, kept: a full run under umask 000 leaves
// every file it writes (backup, plan, journal) readable by the owner only,
// and no credential (access key, secret, session token) appears in any
// output or file.
func TestFullRunUnderUmask000LeaksNoCredentialAndWritesOwnerOnlyFiles(t *testing.T) {
	const (
		accessKey = "AKIAMARKERACCESS0001"
		secret    = "MARKERsecretKEYdoNotLeak0000000000000001"
		token     = "MARKERsessionTOKENdoNotLeak000000000001"
	)
	ep := startSim(t, strings.Replace(planScenario, "AKIAPLAN0000000001", accessKey, 1))
	if ep.AccessKey != accessKey {
		t.Fatalf("scenario key %s", ep.AccessKey)
	}
	dir := t.TempDir()
	var outputs []string
	umask000 := func(args ...string) result {
		t.Helper()
		cmd := exec.Command("sh", append([]string{"-c", `umask 000; exec "$0" "$@"`, binary, "--endpoint-url", ep.URL}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(cleanEnv(ep), "AWS_SECRET_ACCESS_KEY="+secret, "AWS_SESSION_TOKEN="+token)
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		outputs = append(outputs, out.String(), errOut.String())
		return result{Stdout: out.String(), Stderr: errOut.String(), Code: code}
	}
	steps := []struct {
		args []string
		code int
	}{
		{[]string{"audit"}, 3},
		{[]string{"audit", "-o", "json"}, 3},
		{[]string{"usage", "-o", "json"}, 3},
		{[]string{"plan", "--regions", "eu-west-1", "--out", "plan.json"}, 0},
		{[]string{"apply", "plan.json", "--yes", "-o", "json"}, 0},
		{[]string{"verify", "plan.json"}, 3},
		{[]string{"rollback", "plan.json.journal", "--yes"}, 0},
		{[]string{"close", "--yes", "--regions", "us-east-1", "--force", "--backup", "b.json"}, 0},
		{[]string{"restore", "--yes", "-o", "json", "b.json"}, 0},
		{[]string{"close", "--yes", "--regions", "nowhere-1"}, 2}, // an error path too
	}
	for _, s := range steps {
		if r := umask000(s.args...); r.Code != s.code {
			t.Fatalf("%q: exit %d, want %d\n%s", s.args, r.Code, s.code, r.Stderr)
		}
	}
	for i, out := range outputs {
		for _, m := range []string{accessKey, secret, token} {
			if strings.Contains(out, m) {
				t.Errorf("output of %q contains a credential:\n%s", steps[i/2].args, out)
			}
		}
	}
	files := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		st, err := os.Stat(p)
		if err != nil {
			return err
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v under umask 000, want 0600", d.Name(), st.Mode().Perm())
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range []string{accessKey, secret, token} {
			if bytes.Contains(data, []byte(m)) {
				t.Errorf("%s contains a credential", d.Name())
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"plan.json", "plan.json.journal", "b.json"} {
		if _, err := os.Stat(filepath.Join(dir, want)); err != nil {
			t.Errorf("the run did not write %s: %v", want, err)
		}
	}
	if files < 3 {
		t.Fatalf("only %d files written", files)
	}
}
