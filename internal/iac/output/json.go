package output

import (
	"encoding/json"
	"io"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// JSONSchema names the JSON document; fields are only ever added.
const JSONSchema = "defaultsg.scan/v1"

type jsonReport struct {
	Schema      string           `json:"schema"`
	ToolVersion string           `json:"tool_version"`
	Summary     jsonSummary      `json:"summary"`
	Findings    []jsonFinding    `json:"findings"`
	Suppressed  []jsonSuppressed `json:"suppressed"`
	Errors      []jsonError      `json:"errors"`
	// Notes are paths the walk skipped on purpose (symlinks out of the
	// scanned paths, FIFOs, devices); they do not make the scan incomplete.
	Notes []jsonError `json:"notes"`
}

type jsonSummary struct {
	Files      int            `json:"files"`
	Skipped    int            `json:"skipped"`
	Bytes      int64          `json:"bytes"`
	BySeverity map[string]int `json:"by_severity"`
	Suppressed int            `json:"suppressed"`
	Errors     int            `json:"errors"`
	Notes      int            `json:"notes"`
	Complete   bool           `json:"complete"`
}

type jsonFinding struct {
	RuleID       string   `json:"rule_id"`
	RuleName     string   `json:"rule_name"`
	Severity     string   `json:"severity"`
	File         string   `json:"file"`
	Line         int      `json:"line"`
	Column       int      `json:"column"`
	Resource     string   `json:"resource"`
	ResourceLine int      `json:"resource_line"`
	Path         string   `json:"path"`
	Message      string   `json:"message"`
	Fix          string   `json:"fix"`
	Target       string   `json:"target"`
	Via          []string `json:"via"`
}

type jsonSuppressed struct {
	jsonFinding
	Reason string `json:"reason"`
}

type jsonError struct {
	File    string `json:"file"`
	Message string `json:"message"`
}

type jsonWriter struct{}

func (jsonWriter) Write(w io.Writer, r *Report) error {
	res := r.Result
	out := jsonReport{Schema: JSONSchema, ToolVersion: r.ToolVersion, Findings: []jsonFinding{},
		Suppressed: []jsonSuppressed{}, Errors: []jsonError{}, Notes: []jsonError{}}
	out.Summary = jsonSummary{Files: res.Files, Skipped: res.Skipped, Bytes: res.Bytes, BySeverity: map[string]int{},
		Suppressed: len(res.Suppressed), Errors: len(res.Errors), Notes: len(res.Notes), Complete: len(res.Errors) == 0}
	for _, n := range res.Notes {
		out.Notes = append(out.Notes, jsonError{File: uri(n.File), Message: n.Err.Error()})
	}
	for _, s := range []model.Severity{model.Info, model.Low, model.Medium, model.High} {
		out.Summary.BySeverity[s.String()] = 0
	}
	for _, f := range res.Findings {
		out.Summary.BySeverity[f.Severity.String()]++
		out.Findings = append(out.Findings, toJSON(r, f))
	}
	for _, s := range res.Suppressed {
		out.Suppressed = append(out.Suppressed, jsonSuppressed{toJSON(r, s.Finding), s.Reason})
	}
	for _, e := range res.Errors {
		out.Errors = append(out.Errors, jsonError{File: uri(e.File), Message: e.Err.Error()})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func toJSON(r *Report, f model.Finding) jsonFinding {
	via := f.Via
	if via == nil {
		via = []string{}
	}
	return jsonFinding{RuleID: f.RuleID, RuleName: ruleName(r.Rules, f.RuleID), Severity: f.Severity.String(),
		File: uri(f.Pos.File), Line: f.Pos.Line, Column: f.Pos.Col, Resource: f.Resource, ResourceLine: f.ResourcePos.Line,
		Path: f.Path, Message: f.Message, Fix: f.Fix, Target: uri(f.Target), Via: via}
}
