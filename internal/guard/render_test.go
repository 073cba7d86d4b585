package guard

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/defaultsg/defaultsg/internal/testutil"
)

func deployOpts() Deploy {
	return Deploy{Mode: Enforce, Arch: "arm64", FunctionName: "defaultsg-guard", LogRetentionDays: 365,
		TopicARN: "arn:aws:sns:us-east-1:111111111111:security-alerts", BackupBucket: "backups", BackupPrefix: "guard/"}
}

func TestCloudFormationPassesCfnLint(t *testing.T) {
	lint := testutil.RequireTool(t, "cfn-lint")
	for name, d := range map[string]Deploy{
		"enforce":  deployOpts(),
		"lockdown": func() Deploy { d := deployOpts(); d.Lockdown = true; return d }(),
		"report":   {Mode: Report, Arch: "x86_64", FunctionName: "guard", LogRetentionDays: 30},
	} {
		var b bytes.Buffer
		if err := WriteCloudFormation(&b, d); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(t.TempDir(), name+".yaml")
		if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(lint, p).CombinedOutput(); err != nil {
			t.Errorf("%s: cfn-lint: %v\n%s\n%s", name, err, out, b.String())
		}
	}
}
