package testutil

import (
	"os/exec"
	"testing"
)

// RequireTool returns the path of an external tool a test uses as an
// independent oracle (aws, cfn-lint, ...). When it is not on PATH the test
// is skipped, except under CI=true, where every oracle must run and its
// absence fails the test.
func RequireTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		missing(t, name+" CLI", err)
	}
	return p
}
