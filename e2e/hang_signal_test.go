package e2e

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/defaultsg/defaultsg/internal/sim"
)

// TestStalledCallBecomesUnknown: an action that never answers makes its
// cell unknown after the call timeout and its retries, instead of hanging
// the run. Issue 19 item 2.
func TestStalledCallBecomesUnknown(t *testing.T) {
	ep := startSim(t, appScenario("        network_interfaces: [{id: eni-0abc, description: hand-made}]"))
	ep.Sim.SetActionFaults(sim.ActionFault{Service: "ec2", Action: "DescribeNetworkInterfaces", Answer: sim.AnswerStall})
	start := time.Now()
	rep, r := appUsageRun(t, ep, "--regions", "us-east-1", "--call-timeout", "1s")
	took := time.Since(start)
	if r.Code != 4 || rep.status("", "ec2-network-interfaces") != "unknown" {
		t.Fatalf("exit %d, coverage %s; want 4 and unknown\n%s", r.Code, rep.status("", "ec2-network-interfaces"), r.Stderr)
	}
	if took > 30*time.Second {
		t.Errorf("took %s with --call-timeout 1s (operation deadline 4s)", took)
	}
	for _, g := range rep.Groups {
		if g.State != "usage unknown" {
			t.Errorf("group %s is %q, want usage unknown", g.GroupID, g.State)
		}
	}
	if r := run(t, ep, "", nil, "usage", "--call-timeout", "0s"); r.Code != 2 {
		t.Errorf("--call-timeout 0s: exit %d, want 2", r.Code)
	}
}

// startBinary starts the binary against ep and returns it with its output.
func startBinary(t *testing.T, ep endpoint, dir string, args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"--endpoint-url", ep.URL}, args...)...)
	cmd.Dir = dir
	cmd.Env = cleanEnv(ep)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	return cmd, &out, &errOut
}

// waitExit waits up to d for cmd and returns its exit code.
func waitExit(t *testing.T, cmd *exec.Cmd, d time.Duration) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
		return cmd.ProcessState.ExitCode()
	case <-time.After(d):
		t.Fatalf("still running %s after the signal", d)
		return -1
	}
}

// TestSignalStopsAStalledRunPromptly: SIGINT or SIGTERM while a call hangs
// stops the run within seconds with exit 130, says what is known, and
// leaves close's backup whole. Issue 19 item 2.
func TestSignalStopsAStalledRunPromptly(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			ep := startSim(t, appScenario(""))
			ep.Sim.SetActionFaults(sim.ActionFault{Service: "lambda", Action: "ListFunctions", Answer: sim.AnswerStall})
			cmd, out, errOut := startBinary(t, ep, t.TempDir(), "--regions", "us-east-1", "usage")
			waitForHit(t, ep)
			_ = cmd.Process.Signal(sig)
			if code := waitExit(t, cmd, 5*time.Second); code != 130 {
				t.Fatalf("usage: exit %d, want 130\n%s\n%s", code, out, errOut)
			}
			if !strings.Contains(errOut.String(), "Interrupted") {
				t.Errorf("usage: stderr does not say it was interrupted:\n%s", errOut)
			}
			// What is known is printed; the cell not read is unknown.
			if !strings.Contains(out.String(), "usage unknown") || strings.Contains(out.String(), " unused") {
				t.Errorf("usage: the partial report must show the groups as usage unknown:\n%s", out)
			}

			// close, stopped while a revoke hangs: the backup is whole and
			// no temporary file is left.
			ep.Sim.SetActionFaults(sim.ActionFault{Service: "ec2", Action: "RevokeSecurityGroup*", Answer: sim.AnswerStall})
			dir := t.TempDir()
			backup := filepath.Join(dir, "b.json")
			cmd, out, errOut = startBinary(t, ep, dir, "--regions", "us-east-1", "close", "--yes", "--group-ids", "sg-0def", "--backup", backup)
			waitForHit(t, ep)
			_ = cmd.Process.Signal(sig)
			if code := waitExit(t, cmd, 5*time.Second); code != 130 {
				t.Fatalf("close: exit %d, want 130\n%s\n%s", code, out, errOut)
			}
			if !strings.Contains(errOut.String(), "Backup of 2 rules written to "+backup) || !strings.Contains(out.String(), "interrupted") {
				t.Errorf("close: does not say where the backup is and what was interrupted:\n%s\n%s", out, errOut)
			}
			data, err := os.ReadFile(backup)
			var doc map[string]any
			if err != nil || json.Unmarshal(data, &doc) != nil {
				t.Fatalf("backup after the signal: %v\n%s", err, data)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("files left in the backup directory: %v", entries)
			}
		})
	}
}

func waitForHit(t *testing.T, ep endpoint) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for ep.Sim.ActionFaultHits() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the stalled call was never made")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
