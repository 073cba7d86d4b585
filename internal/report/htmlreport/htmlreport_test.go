package htmlreport

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func load(t *testing.T, names ...string) *Model {
	t.Helper()
	var docs [][]byte
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, b)
	}
	m, err := Load(names, docs)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestLaterReportsAddToEarlierOnes(t *testing.T) {
	m := load(t, "audit.json", "usage.json", "plan.json")
	want := map[string]Status{"sg-a": StatusUsed, "sg-b": StatusPass, "sg-c": StatusUnknown}
	for _, g := range m.Groups {
		if g.Status != want[g.GroupID] {
			t.Errorf("%s: %s, want %s", g.GroupID, g.Status, want[g.GroupID])
		}
	}
	a := m.Groups[0]
	if a.GroupID != "sg-a" || len(a.Rules) != 1 || len(a.Users) != 1 || len(a.Moves) != 1 || a.VpcName != "prod" {
		t.Fatalf("sg-a: %+v", a)
	}
	if c := m.Counts(); c != (Counts{Groups: 3, Pass: 1, Used: 1, Unknown: 1}) {
		t.Fatalf("counts %+v", c)
	}
	if strings.Join(m.Regions, ",") != "ap-south-1,eu-west-1,us-east-1" || len(m.Gaps) != 1 || len(m.Unread) != 1 {
		t.Fatalf("regions %v gaps %v unread %v", m.Regions, m.Gaps, m.Unread)
	}
}

func TestCellsTakeTheWorstStatusAndUnreadRegionsAreUnknown(t *testing.T) {
	m := load(t, "audit.json", "usage.json")
	got := map[string]Status{}
	for _, r := range m.Cells() {
		for _, c := range r.Cells {
			got[c.Account+" "+c.Region] = c.Status
		}
	}
	want := map[string]Status{"111111111111 eu-west-1": StatusUsed, "111111111111 us-east-1": StatusPass, "111111111111 ap-south-1": "none",
		"222222222222 us-east-1": StatusUnknown, "222222222222 ap-south-1": StatusUnknown, "222222222222 eu-west-1": "none"}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %s, want %s", k, got[k], w)
		}
	}
}

// The page is one file with nothing to fetch, and what it shows from the
// reports is escaped.
func TestPageIsSelfContainedAndEscaped(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, load(t, "audit.json", "usage.json", "plan.json"), time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, banned := range []string{"http://", "https://", "<link", "src=", "@import"} {
		if strings.Contains(page, banned) {
			t.Errorf("the page refers to something outside it: %q", banned)
		}
	}
	for _, want := range []string{`id="n-groups">3<`, `data-status="used"`, "office &lt;ssh&gt;", "managed by cloudformation:web",
		`manual: EC2 instance i-1`, "lambda-functions (unknown)", `aria-label="account 222222222222, ap-south-1: region not read"`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, "office <ssh>") {
		t.Error("a description from AWS is written unescaped")
	}
}

func TestRefusesOtherFiles(t *testing.T) {
	if _, err := Load([]string{"x"}, [][]byte{[]byte(`{"schema":"defaultsg.scan/v1"}`)}); err == nil {
		t.Fatal("a scan report was taken for a group report")
	}
	if _, err := Load([]string{"x"}, [][]byte{[]byte(`not json`)}); err == nil {
		t.Fatal("garbage was accepted")
	}
}
