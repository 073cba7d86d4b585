package e2e

import (
	"bytes"
	"errors"
	"os/exec"
	"strings"
	"testing"
)

// runEndpointEnv runs the binary with its endpoints from the environment
// (AWS_ENDPOINT_URL and per-service AWS_ENDPOINT_URL_<SERVICE>, which an
// --endpoint-url would override) instead of --endpoint-url.
func runEndpointEnv(t *testing.T, ep endpoint, dir string, env []string, args ...string) result {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(append(cleanEnv(ep), "AWS_ENDPOINT_URL="+ep.URL), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var ee *exec.ExitError
	code := 0
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{Stdout: out.String(), Stderr: errOut.String(), Code: code}
}

// TestServiceNotOfferedInARegionIsSkipped is a real-account-shaped run:
// App Runner's regional endpoint does not exist (its host is a .invalid
// name, as AWS has no DNS name where the service is not offered) while EC2
// answers. The cell is skipped with the evidence, the run is complete
// (exit 0), and close closes the unused group. Issue 12 item 4.
func TestServiceNotOfferedInARegionIsSkipped(t *testing.T) {
	ep := startSim(t, appScenario(""))
	env := []string{"AWS_ENDPOINT_URL_APPRUNNER=http://apprunner.us-east-1.invalid"}
	r := runEndpointEnv(t, ep, "", env, "--regions", "us-east-1", "usage", "-o", "json")
	if r.Code != 0 || !strings.Contains(r.Stdout, `"status": "skipped"`) || !strings.Contains(r.Stdout, "not offered in us-east-1") {
		t.Fatalf("usage: exit %d, want 0 with apprunner skipped\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	if strings.Count(r.Stdout, `"status": "skipped"`) != 1 {
		t.Errorf("only App Runner may be skipped:\n%s", r.Stdout)
	}
	dir := t.TempDir()
	r = runEndpointEnv(t, ep, dir, env, "--regions", "us-east-1", "close", "--yes", "--group-ids", "sg-0def", "--backup", dir+"/b.json")
	if r.Code != 0 {
		t.Fatalf("close: exit %d, want 0\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}

	// EC2 unresolvable as well: the run fails, nothing reads as skipped.
	// (usage.TestServiceNotOfferedOnlyOnNXDOMAINWhileEC2Answers checks the
	// engine's rule cell by cell.)
	env = append(env, "AWS_ENDPOINT_URL_EC2=http://ec2.us-east-1.invalid")
	r = runEndpointEnv(t, ep, "", env, "--regions", "us-east-1", "usage", "-o", "json")
	if r.Code == 0 || r.Code == 3 || strings.Contains(r.Stdout, `"status": "skipped"`) {
		t.Fatalf("every host unresolvable: exit %d, want a failure and nothing skipped\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
}
