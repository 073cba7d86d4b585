package e2e

import (
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// ansi matches the escape sequences of colours and of redrawing a line.
var ansi = regexp.MustCompile("\x1b\\[[0-9;?]*[A-Za-z]")

// inTerminal runs the binary against ep on a pseudo-terminal of the given
// width (script(1) provides it) and returns what the terminal showed.
func inTerminal(t *testing.T, ep endpoint, cols string, env []string, args ...string) string {
	t.Helper()
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script(1) is needed for a pseudo-terminal")
	}
	line := "stty cols " + cols + " rows 50; " + binary + " --endpoint-url " + ep.URL + " " + strings.Join(args, " ")
	cmd := exec.Command(script, "-qec", line, "/dev/null")
	cmd.Dir = t.TempDir()
	cmd.Env = append(append(cleanEnv(ep), "TERM=xterm"), env...)
	out, _ := cmd.CombinedOutput()
	return string(out)
}

// lines splits what a terminal showed into its lines, without escape
// sequences; a carriage return starts a redrawn line.
func lines(shown string) []string {
	return strings.FieldsFunc(ansi.ReplaceAllString(shown, ""), func(r rune) bool { return r == '\n' || r == '\r' })
}

func widestOf(shown string) (int, string) {
	n, widest := 0, ""
	for _, l := range lines(shown) {
		if w := len([]rune(l)); w > n {
			n, widest = w, l
		}
	}
	return n, widest
}

// TestTerminalOutputFitsEightyColumns renders audit and usage on a real
// pseudo-terminal 80 columns wide: no line is wider, outcomes are coloured
// unless NO_COLOR, and --wide gives the full width back.
func TestTerminalOutputFitsEightyColumns(t *testing.T) {
	ep := startSim(t, `
accounts:
  - id: "111111111111"
    resources:
      eu-west-1:
        default_group:
          ingress:
            - {group: self}
            - {protocol: tcp, ports: "22", cidr: 203.0.113.0/24, description: office ssh left over from the migration of the bastion hosts}
        vpcs:
          - {name: a-rather-long-production-vpc-name, cidr: 10.1.0.0/16}
regions: [us-east-1, eu-west-1]
`)
	for _, cmd := range []string{"audit", "usage"} {
		shown := inTerminal(t, ep, "80", nil, cmd)
		if n, l := widestOf(shown); n > 80 || !strings.Contains(shown, "sg-") {
			t.Errorf("%s: a line of %d columns on an 80-column terminal:\n%s\n%s", cmd, n, l, shown)
		}
		if cmd != "audit" {
			continue
		}
		if !strings.Contains(shown, "\x1b[31") || !strings.Contains(shown, "FAIL") {
			t.Errorf("audit on a terminal: FAIL is not red:\n%q", shown)
		}
		if plain := inTerminal(t, ep, "80", []string{"NO_COLOR=1"}, cmd); strings.Contains(plain, "\x1b[31") || !strings.Contains(plain, "FAIL") {
			t.Errorf("NO_COLOR output is coloured:\n%q", plain)
		}
		if n, _ := widestOf(inTerminal(t, ep, "80", nil, "--wide", cmd)); n <= 80 {
			t.Errorf("--wide still fits 80 columns (widest %d)", n)
		}
	}
}
