package e2e

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestFilesArePrivateAndHoldNoCredential keeps what the red team found
// holding (issue 19 item 14): under umask 000 the plan, its journal and a
// close backup are 0600, and no credential (access key, secret, session
// token set to markers) appears in any output or file.
func TestFilesArePrivateAndHoldNoCredential(t *testing.T) {
	ep := startSim(t, planScenario)
	const key, secret, token = "AKIAPLAN0000000001", "SECRETMARKERsecretMARKER", "TOKENMARKERtokenMARKER"
	dir := t.TempDir()
	var outputs []string
	runUmask := func(args ...string) {
		t.Helper()
		cmd := exec.Command("sh", append([]string{"-c", `umask 000; exec "$@"`, "sh", binary, "--endpoint-url", ep.URL}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(cleanEnv(ep), "AWS_SECRET_ACCESS_KEY="+secret, "AWS_SESSION_TOKEN="+token)
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		var ee *exec.ExitError
		if err := cmd.Run(); err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		outputs = append(outputs, out.String(), errOut.String())
	}
	runUmask("plan", "--regions", "eu-west-1", "--out", "plan.json")
	runUmask("apply", "plan.json", "--yes")
	runUmask("close", "--regions", "us-east-1", "--yes", "--backup", "b.json")
	for _, name := range []string{"plan.json", "plan.json.journal", "b.json"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, strings.Join(outputs, "\n"))
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s is %v under umask 000, want 0600", name, fi.Mode().Perm())
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		outputs = append(outputs, string(data))
	}
	for _, s := range outputs {
		for _, marker := range []string{key, secret, token} {
			if strings.Contains(s, marker) {
				t.Errorf("a credential (%s…) appears in an output or file", marker[:8])
			}
		}
	}
}
