package htmlreport

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/defaultsg/defaultsg/internal/testutil"
)

// In a real browser: the cells match the model, a click (and the keyboard)
// opens the cell's groups, and a screenshot is kept.
func TestPageInChromium(t *testing.T) {
	ctx := testutil.Browser(t)
	m := load(t, "audit.json", "usage.json", "plan.json")
	file := filepath.Join(t.TempDir(), "report.html")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(f, m, time.Now()); err != nil {
		t.Fatal(err)
	}
	f.Close()

	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+file)); err != nil {
		t.Fatal(err)
	}
	statuses, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('.cell')).map(c => (c.dataset.account||'')+' '+(c.dataset.region||'')+' '+c.dataset.status)`))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.cell[data-account="111111111111"][data-region="eu-west-1"]`))); err != nil {
		t.Fatal(err)
	}
	details, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#cell-111111111111-eu-west-1`)))
	if err != nil {
		t.Fatal(err)
	}
	// The keyboard: focus another cell and press Enter.
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(`.cell[data-account="222222222222"][data-region="us-east-1"]`)), chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`))
	if err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"111111111111 eu-west-1 used": true, "111111111111 us-east-1 pass": true,
		"222222222222 us-east-1 unknown": true, "222222222222 ap-south-1 unknown": true}
	n := 0
	for _, s := range statuses {
		if want[s] {
			n++
		}
	}
	if n != len(want) {
		t.Fatalf("cells %q, want %v among them", statuses, want)
	}
	for _, w := range []string{"sg-a", "inbound tcp/22 from 203.0.113.0/24", "EC2 instance i-1", "cloudformation:web", "manual: EC2 instance i-1"} {
		if !strings.Contains(details, w) {
			t.Errorf("details of 111111111111 eu-west-1 lack %q:\n%s", w, details)
		}
	}
	if focused != "cell-222222222222-us-east-1" {
		t.Errorf("Enter on a cell opened %q", focused)
	}
	if dir := os.Getenv("DEFAULTSG_SCREENSHOTS"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, "report.png"), shot, 0o644)
	}
	if len(shot) < 1000 {
		t.Fatal("no screenshot")
	}
}
