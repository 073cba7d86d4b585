package distcheck

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/defaultsg/defaultsg/internal/cli"
)

// TestMain lets the test binary stand in for defaultsg: linked under that
// name on PATH (onPath), the scripts of action.yml run the real CLI without
// a separate build.
func TestMain(m *testing.M) {
	if filepath.Base(os.Args[0]) == "defaultsg" {
		os.Exit(cli.Main(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// onPath returns a directory holding a "defaultsg" that is this test binary.
func onPath(t *testing.T) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Symlink(self, filepath.Join(dir, "defaultsg")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// root is the repository root.
func root(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		t.Fatalf("repository root: %v", err)
	}
	return dir
}

func readFile(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root(t), rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// goDirective is go.mod's go line, e.g. "1.26.8".
func goDirective(t *testing.T) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^go\s+(\S+)\s*$`).FindStringSubmatch(readFile(t, "go.mod"))
	if m == nil {
		t.Fatal("go.mod has no go line")
	}
	return m[1]
}

// modulePath is go.mod's module path.
func modulePath(t *testing.T) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^module\s+(\S+)\s*$`).FindStringSubmatch(readFile(t, "go.mod"))
	if m == nil {
		t.Fatal("go.mod has no module line")
	}
	return m[1]
}

// badTemplate puts a CloudFormation template with one medium finding (DSG002) (an
// instance placed in the default group) in a new directory and returns it.
func badTemplate(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	const tmpl = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SecurityGroupIds: [!GetAtt Vpc.DefaultSecurityGroup]
`
	if err := os.WriteFile(filepath.Join(dir, "stack.yaml"), []byte(tmpl), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}
