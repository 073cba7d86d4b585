package backup

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/defaultsg/defaultsg/internal/sgrule"
)

func sample() *Document {
	return &Document{
		ToolVersion: "test", CreatedAt: time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC),
		Groups: []Group{{
			Account: "111111111111", Region: "eu-west-1", VpcID: "vpc-1", GroupID: "sg-1", GroupName: "default",
			Rules: []sgrule.Rule{
				{RuleID: "sgr-1", Protocol: "-1", FromPort: -1, ToPort: -1, Group: &sgrule.GroupRef{GroupID: "sg-1", UserID: "111111111111"}},
				{RuleID: "sgr-2", Egress: true, Protocol: "tcp", FromPort: 443, ToPort: 443, CidrIPv6: "::/0", Description: "https"},
				{RuleID: "sgr-3", Egress: true, Protocol: "tcp", FromPort: 5432, ToPort: 5432, PrefixList: "pl-1"},
			},
		}},
	}
}

func TestWriteLoadRoundTrip(t *testing.T) {
	p := filepath.Join(t.TempDir(), "b.json")
	written, err := Write(Destination{Path: p}, sample())
	if err != nil {
		t.Fatal(err)
	}
	if written != p {
		t.Fatalf("written to %s, want %s", written, p)
	}
	d, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if d.RuleCount() != 3 || d.Groups[0].Rules[1].Description != "https" || d.Groups[0].Rules[0].Group.GroupID != "sg-1" {
		t.Fatalf("round trip lost data: %+v", d)
	}
	if got := d.Accounts(); len(got) != 1 || got[0] != "111111111111" {
		t.Fatalf("accounts %v", got)
	}
}

func TestWriteNumbersOnlyDefaultNames(t *testing.T) {
	p := filepath.Join(t.TempDir(), "b.json")
	first, err := Write(Destination{Path: p, AutoNumber: true}, sample())
	if err != nil {
		t.Fatal(err)
	}
	second, err := Write(Destination{Path: p, AutoNumber: true}, sample())
	if err != nil {
		t.Fatal(err)
	}
	if first == second || !strings.HasSuffix(second, "b-2.json") {
		t.Fatalf("second backup at %s, first at %s", second, first)
	}
	// An explicit path is never redirected.
	if got, err := Write(Destination{Path: p}, sample()); !errors.Is(err, ErrExists) {
		t.Fatalf("explicit existing path: wrote %q, err %v; want ErrExists", got, err)
	}
}

func TestWriteFailsWhenDirectoryMissing(t *testing.T) {
	if _, err := Write(Destination{Path: filepath.Join(t.TempDir(), "missing", "b.json")}, sample()); err == nil {
		t.Fatal("want error")
	}
}

func TestLoadRejectsDamagedFiles(t *testing.T) {
	p := filepath.Join(t.TempDir(), "b.json")
	if _, err := Write(Destination{Path: p}, sample()); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(p)
	cases := map[string]string{
		"truncated":      string(good[:len(good)/2]),
		"edited port":    strings.Replace(string(good), `"from_port": 443`, `"from_port": 444`, 1),
		"other schema":   strings.Replace(string(good), SchemaVersion, "defaultsg.backup/v9", 1),
		"unknown field":  strings.Replace(string(good), `"tool_version"`, `"surprise": 1, "tool_version"`, 1),
		"trailing data":  string(good) + "{}",
		"empty":          "",
		"not json":       "hello",
		"dropped a rule": strings.Replace(string(good), `"rule_id": "sgr-3"`, `"rule_id": "sgr-X"`, 1),
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			q := filepath.Join(t.TempDir(), "x.json")
			if err := os.WriteFile(q, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Load(q)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("Load = %v, want ErrInvalid", err)
			}
		})
	}
}

func TestValidateRejectsRuleWithoutPeer(t *testing.T) {
	d := sample()
	d.Groups[0].Rules[0].Group = nil
	if _, err := Write(Destination{Path: filepath.Join(t.TempDir(), "b.json")}, d); err == nil {
		t.Fatal("a rule without a peer was accepted")
	}
}

func TestDefaultName(t *testing.T) {
	at := time.Date(2026, 11, 29, 10, 0, 5, 0, time.UTC)
	if got := DefaultName([]string{"111111111111"}, at); got != "defaultsg-backup-111111111111-20261129T100005Z.json" {
		t.Fatal(got)
	}
	if got := DefaultName([]string{"1", "2"}, at); !strings.Contains(got, "-multi-") {
		t.Fatal(got)
	}
}
