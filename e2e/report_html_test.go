package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/defaultsg/defaultsg/internal/testutil"
)

// reportOrgScenario is a generated 50-account organization in three regions.
const reportOrgScenario = `
accounts: []
regions: [us-east-1, eu-west-1, ap-southeast-2]
generate: {accounts: 50, interfaces_per_region: 2, rules_per_default_group: 2, suspended: 0, ous: 2, seed: 7}
`

// The HTML report of a 50-account organization, in a real browser: every
// heat-map cell shows the worst status of its account-region's groups in
// the usage JSON, a click shows that cell's groups, and a screenshot is
// kept (in DEFAULTSG_SCREENSHOTS when set; with -update it is the README's
// picture, docs/report.png).
func TestReportHTMLForAnOrganizationInChromium(t *testing.T) {
	ctx := testutil.Browser(t)
	ep := startSim(t, reportOrgScenario)
	dir := t.TempDir()
	if r := run(t, ep, dir, nil, "--org", "audit", "-o", "json", "--out", "audit.json"); r.Code != 3 && r.Code != 0 {
		t.Fatalf("audit: exit %d\n%s", r.Code, r.Stderr)
	}
	if r := run(t, ep, dir, nil, "--org", "usage", "-o", "json", "--out", "usage.json"); r.Code != 3 && r.Code != 0 {
		t.Fatalf("usage: exit %d\n%s", r.Code, r.Stderr)
	}
	if r := run(t, ep, dir, nil, "report", "--html", "report.html", "audit.json", "usage.json"); r.Code != 0 {
		t.Fatalf("report: exit %d\n%s", r.Code, r.Stderr)
	}

	// What the page must show, worked out from the usage JSON.
	var rep usageJSONFull
	b, err := os.ReadFile(filepath.Join(dir, "usage.json"))
	if err != nil || json.Unmarshal(b, &rep) != nil {
		t.Fatalf("usage.json: %v", err)
	}
	rank := map[string]int{"pass": 0, "fail": 1, "used": 2, "unknown": 3}
	want := map[string]string{}
	accounts := map[string]bool{}
	for _, g := range rep.Groups {
		s := map[string]string{"used": "used", "usage unknown": "unknown"}[g.State]
		if s == "" {
			s = "pass"
			if len(g.Rules) > 0 {
				s = "fail"
			}
		}
		k := g.Account + " " + g.Region
		if cur, ok := want[k]; !ok || rank[s] > rank[cur] {
			want[k] = s
		}
		accounts[g.Account] = true
	}
	if len(accounts) < 50 || len(want) < 150 {
		t.Fatalf("the organization has %d accounts and %d account-regions with groups", len(accounts), len(want))
	}

	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.Join(dir, "report.html"))); err != nil {
		t.Fatal(err)
	}
	cells, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](
		`Object.fromEntries(Array.from(document.querySelectorAll('.cell[data-account]')).map(c => [c.dataset.account+' '+c.dataset.region, c.dataset.status]))`))
	if err != nil {
		t.Fatal(err)
	}
	for k, w := range want {
		if cells[k] != w {
			t.Errorf("cell %s shows %q, the JSON says %q", k, cells[k], w)
		}
	}
	if len(cells) != len(want) {
		t.Errorf("%d cells, %d account-regions with groups", len(cells), len(want))
	}
	// Open the first group's cell and find the group in its details.
	g := rep.Groups[0]
	sel := `.cell[data-account="` + g.Account + `"][data-region="` + g.Region + `"]`
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatal(err)
	}
	visible, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
		`!document.getElementById('cell-`+g.Account+`-`+g.Region+`').hidden && document.getElementById('cell-`+g.Account+`-`+g.Region+`').innerText.includes('`+g.GroupID+`')`))
	if err != nil || !visible {
		t.Fatalf("clicking %s did not show group %s: %v", sel, g.GroupID, err)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil || len(shot) < 1000 {
		t.Fatalf("screenshot: %v", err)
	}
	out := t.TempDir()
	if d := os.Getenv("DEFAULTSG_SCREENSHOTS"); d != "" {
		out = d
	}
	if *update { // the README's picture
		if err := os.WriteFile(filepath.Join("..", "docs", "report.png"), shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(out, "report-org.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
}

// usageJSONFull is the part of `usage -o json` the report test reads.
type usageJSONFull struct {
	Groups []struct {
		Account string            `json:"account"`
		Region  string            `json:"region"`
		GroupID string            `json:"group_id"`
		State   string            `json:"state"`
		Rules   []json.RawMessage `json:"rules"`
	} `json:"groups"`
}
