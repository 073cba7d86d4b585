// Package output writes scan results. One Writer interface has three
// implementations: text for people, JSON (schema defaultsg.scan/v1) for
// tools such as `plan --iac-scan`, and SARIF 2.1.0 for code scanning.
package output

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/defaultsg/defaultsg/internal/iac/model"
	"github.com/defaultsg/defaultsg/internal/iac/rules"
	"github.com/defaultsg/defaultsg/internal/iac/scan"
)

// Report is what every writer renders.
type Report struct {
	Result      *scan.Result
	Rules       []rules.Rule
	ToolVersion string
}

// Writer renders a report in one format.
type Writer interface {
	Write(w io.Writer, r *Report) error
}

// Formats lists the accepted --output values.
func Formats() []string { return []string{"text", "json", "sarif"} }

// New returns the writer for format.
func New(format string) (Writer, error) {
	switch format {
	case "text":
		return textWriter{}, nil
	case "json":
		return jsonWriter{}, nil
	case "sarif":
		return sarifWriter{}, nil
	}
	return nil, fmt.Errorf("unknown output format %q (want text, json or sarif)", format)
}

// uri renders a path the same way on every OS.
func uri(p string) string { return filepath.ToSlash(p) }

// counts tallies findings by severity.
func counts(fs []model.Finding) map[model.Severity]int {
	c := map[model.Severity]int{}
	for _, f := range fs {
		c[f.Severity]++
	}
	return c
}

func ruleName(rs []rules.Rule, id string) string {
	for _, r := range rs {
		if r.ID == id {
			return r.Name
		}
	}
	return ""
}
