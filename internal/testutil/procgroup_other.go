//go:build !unix

package testutil

import "os/exec"

// ownGroup does nothing where there are no process groups; the package
// still builds there (pre-commit's go install compiles every package).
func ownGroup(*exec.Cmd) {}

// killGroup kills cmd itself.
func killGroup(cmd *exec.Cmd) { _ = cmd.Process.Kill() }
