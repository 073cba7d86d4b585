package scan

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/defaultsg/defaultsg/internal/iac/model"
	"github.com/defaultsg/defaultsg/internal/iac/rules"
)

// suppression is one `defaultsg:ignore RULE reason` comment. It applies to
// findings on line (the comment's own line when it trails code, else the
// next line with code), either at that line or in a resource starting there.
type suppression struct {
	pos    model.Pos
	line   int
	rules  []string
	reason string
}

var ignoreComment = regexp.MustCompile(`(?:#|//)\s*defaultsg:ignore\b(.*)$`)

// parseSuppressions scans raw lines, so it works the same for YAML and HCL
// (JSON has no comments). Malformed comments come back as DSG000 findings.
func parseSuppressions(file string, data []byte, known map[string]bool, bad *rules.Rule) ([]suppression, []model.Finding) {
	lines := bytes.Split(data, []byte("\n"))
	var sups []suppression
	var problems []model.Finding
	for i, raw := range lines {
		loc := ignoreComment.FindSubmatchIndex(raw)
		if loc == nil {
			continue
		}
		pos := model.Pos{File: file, Line: i + 1, Col: len([]rune(string(raw[:loc[0]]))) + 1}
		fields := strings.Fields(string(raw[loc[2]:loc[3]]))
		s := suppression{pos: pos, line: i + 1}
		if strings.TrimSpace(string(raw[:loc[0]])) == "" {
			s.line = nextCodeLine(lines, i+1)
		}
		var problem string
		if len(fields) > 0 {
			s.rules = strings.Split(fields[0], ",")
			s.reason = strings.Join(fields[1:], " ")
		}
		for _, id := range s.rules {
			if !known[id] {
				problem = fmt.Sprintf("defaultsg:ignore names unknown rule %q", id)
			}
		}
		switch {
		case len(s.rules) == 0:
			problem = "defaultsg:ignore needs a rule id and a reason"
		case problem == "" && s.reason == "":
			problem = "defaultsg:ignore " + fields[0] + " has no reason; the reason is required"
		}
		if problem != "" {
			problems = append(problems, model.Finding{RuleID: bad.ID, Severity: bad.Severity, Pos: pos, ResourcePos: pos,
				Message: problem, Fix: bad.Fix})
			continue
		}
		sups = append(sups, s)
	}
	return sups, problems
}

func nextCodeLine(lines [][]byte, from int) int {
	for j := from; j < len(lines); j++ {
		t := strings.TrimSpace(string(lines[j]))
		if t != "" && !strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "//") {
			return j + 1
		}
	}
	return 0
}

func (s suppression) covers(f model.Finding) bool {
	if s.line == 0 || (f.Pos.Line != s.line && f.ResourcePos.Line != s.line) || f.Pos.File != s.pos.File {
		return false
	}
	for _, id := range s.rules {
		if id == f.RuleID {
			return true
		}
	}
	return false
}
