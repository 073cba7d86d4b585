package plan

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/defaultsg/defaultsg/internal/atomicfile"
)

// ScanFinding is the part of a `defaultsg scan -o json` finding (schema
// defaultsg.scan/v1) a manual step needs: where a template references a
// default group.
type ScanFinding struct {
	RuleID   string `json:"rule_id"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Resource string `json:"resource"`
	Path     string `json:"path"`
}

// LoadScan reads a scan result written with `defaultsg scan -o json`.
func LoadScan(path string) ([]ScanFinding, error) {
	b, err := atomicfile.ReadRegular(path, maxSize)
	if err != nil {
		return nil, fmt.Errorf("reading scan result: %w", err)
	}
	var doc struct {
		Schema   string        `json:"schema"`
		Findings []ScanFinding `json:"findings"`
	}
	if err := json.Unmarshal(b, &doc); err != nil || doc.Schema != "defaultsg.scan/v1" {
		return nil, fmt.Errorf("%w: %s is not a `defaultsg scan -o json` result (schema defaultsg.scan/v1)", ErrInvalid, path)
	}
	return doc.Findings, nil
}

// AddTemplateLocations gives every manual step of a stack-managed user the
// template locations that reference a default group: the findings in files
// whose name contains the stack's name (the usual layout: one template per
// stack, named after it), each as file:line, resource and property path.
func AddTemplateLocations(p *Plan, findings []ScanFinding) {
	for i, m := range p.Manual {
		kind, stack, _ := strings.Cut(m.ManagedBy, ":")
		if kind != "cloudformation" || stack == "" {
			continue
		}
		for _, f := range findings {
			base := strings.ToLower(filepath.Base(f.File))
			if !strings.Contains(base, strings.ToLower(stack)) {
				continue
			}
			loc := fmt.Sprintf("%s:%d %s", f.File, f.Line, f.Resource)
			if f.Path != "" {
				loc += " " + f.Path
			}
			p.Manual[i].Locations = append(p.Manual[i].Locations, loc+" ("+f.RuleID+")")
		}
	}
}
