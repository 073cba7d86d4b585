package e2e

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/defaultsg/defaultsg/internal/sim"
)

// started is a CLI run in the background.
type started struct {
	cmd         *exec.Cmd
	out, errOut bytes.Buffer
}

func start(t *testing.T, ep endpoint, dir string, args ...string) *started {
	t.Helper()
	s := &started{cmd: exec.Command(binary, append([]string{"--endpoint-url", ep.URL}, args...)...)}
	s.cmd.Dir, s.cmd.Env = dir, cleanEnv(ep)
	s.cmd.Stdout, s.cmd.Stderr = &s.out, &s.errOut
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *started) wait(t *testing.T) result {
	t.Helper()
	err := s.cmd.Wait()
	var ee *exec.ExitError
	code := 0
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{Stdout: s.out.String(), Stderr: s.errOut.String(), Code: code}
}

// Two applies of one plan at once: one runs, the other is refused before
// it changes anything, naming the pid of the one running.
func TestConcurrentAppliesOfOnePlanRunOne(t *testing.T) {
	ep := startSim(t, planScenario)
	dir := t.TempDir()
	if r := run(t, ep, dir, nil, "plan", "--regions", "eu-west-1", "--out", "plan.json"); r.Code != 0 {
		t.Fatalf("plan: %d\n%s", r.Code, r.Stderr)
	}
	// Slow calls keep the winner inside its journal while the other starts.
	ep.Sim.SetFaults(sim.Faults{Latency: 40 * time.Millisecond})
	a := start(t, ep, dir, "apply", "plan.json", "--yes")
	b := start(t, ep, dir, "apply", "plan.json", "--yes")
	ra, rb := a.wait(t), b.wait(t)
	winner, loser, winnerPID := ra, rb, a.cmd.Process.Pid
	if ra.Code != 0 {
		winner, loser, winnerPID = rb, ra, b.cmd.Process.Pid
	}
	if winner.Code != 0 || loser.Code != 5 {
		t.Fatalf("exits %d and %d, want one 0 and one 5\nA:\n%s\nB:\n%s", ra.Code, rb.Code, ra.Stderr, rb.Stderr)
	}
	mustContain(t, "refused apply", loser.Stderr, "another apply", fmt.Sprintf("pid %d", winnerPID), "nothing changed")
	if strings.Contains(loser.Stdout, "done") {
		t.Fatalf("the refused apply ran steps:\n%s", loser.Stdout)
	}
	ep.Sim.SetFaults(sim.Faults{})
	checkApplied(t, ep)
}
