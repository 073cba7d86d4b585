package testutil

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// terraformMirrors are the places a machine keeps provider plugins for an
// offline `terraform init` (a filesystem mirror: HOSTNAME/NAMESPACE/TYPE/…).
// DEFAULTSG_TF_MIRROR names another.
func terraformMirrors() []string {
	dirs := []string{os.Getenv("DEFAULTSG_TF_MIRROR"), "/opt/tf-plugins", "/usr/share/terraform/plugins"}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".terraform.d", "plugins"))
	}
	return dirs
}

// TerraformValidate runs `terraform init` (offline, from a filesystem
// mirror holding hashicorp/aws) and `terraform validate` on src, an HCL
// configuration, so the AWS provider's own schema checks every resource and
// argument. Without terraform the test is skipped, except under CI=true
// (RequireTool); without a mirror of the AWS provider (the registry cannot
// be reached from these machines) it is skipped with the reason; docs/GUARD.md says which machines run it.
func TerraformValidate(t testing.TB, src []byte) {
	t.Helper()
	tf := RequireTool(t, "terraform") // a failure under CI=true, as for the other tools
	mirror := ""
	for _, d := range terraformMirrors() {
		if d == "" {
			continue
		}
		if st, err := os.Stat(filepath.Join(d, "registry.terraform.io", "hashicorp", "aws")); err == nil && st.IsDir() {
			mirror = d
			break
		}
	}
	if mirror == "" {
		t.Skip("terraform validate: no filesystem mirror of hashicorp/aws (set DEFAULTSG_TF_MIRROR)")
	}
	dir := t.TempDir()
	rc := filepath.Join(dir, "cli.tfrc")
	cfg := "provider_installation {\n  filesystem_mirror {\n    path = " + `"` + mirror + `"` + "\n  }\n}\n"
	if err := os.WriteFile(rc, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	work := filepath.Join(dir, "config")
	if err := os.Mkdir(work, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "main.tf"), src, 0o600); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
		"TF_DATA_DIR="+filepath.Join(dir, ".terraform"))
	for _, args := range [][]string{
		{"init", "-backend=false", "-input=false", "-no-color"},
		{"validate", "-no-color"},
	} {
		cmd := exec.Command(tf, args...)
		cmd.Dir, cmd.Env = work, env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("terraform %s: %v\n%s\n--- main.tf\n%s", strings.Join(args, " "), err, out, src)
		}
	}
}
