// Package model is the small, format-neutral vocabulary of the IaC scanner:
// positions, severities and findings. Format-specific trees (CloudFormation
// values, Terraform blocks) live beside it in cfn.go and tf.go so that rules
// can report file:line:col without knowing which parser produced a node.
package model

import (
	"fmt"
	"strings"
)

// Pos is a 1-based position in a scanned file. A zero Line means unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// Severity orders findings; Info is a pass (a lockdown that is present).
type Severity int

// Severities, lowest first, so that "at or above" is a plain comparison.
const (
	Info Severity = iota
	Low
	Medium
	High
)

var severityNames = [...]string{"info", "low", "medium", "high"}

func (s Severity) String() string {
	if s < Info || s > High {
		return "unknown"
	}
	return severityNames[s]
}

// ParseSeverity accepts the lower-case names printed by String.
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if strings.EqualFold(s, n) {
			return Severity(i), nil
		}
	}
	return Info, fmt.Errorf("unknown severity %q (want info, low, medium or high)", s)
}

// Finding is one rule result. Resource is the CloudFormation logical id or the
// Terraform address; Path is the property path inside it ("" for the resource
// itself); Target names the VPC (or module) whose default group is involved,
// so that `plan --iac-scan` can match findings to live groups.
type Finding struct {
	RuleID      string
	Severity    Severity
	Pos         Pos
	ResourcePos Pos
	Resource    string
	Path        string
	Message     string
	Fix         string
	Target      string
	// Via is the chain of references that led to the default group, outermost
	// first (e.g. "var.sg_ids", "local.sgs", "aws_vpc.main.default_security_group_id").
	Via []string
}

// Less orders findings deterministically: file, line, column, rule, resource, path.
func (f Finding) Less(o Finding) bool {
	switch {
	case f.Pos.File != o.Pos.File:
		return f.Pos.File < o.Pos.File
	case f.Pos.Line != o.Pos.Line:
		return f.Pos.Line < o.Pos.Line
	case f.Pos.Col != o.Pos.Col:
		return f.Pos.Col < o.Pos.Col
	case f.RuleID != o.RuleID:
		return f.RuleID < o.RuleID
	case f.Resource != o.Resource:
		return f.Resource < o.Resource
	default:
		return f.Path < o.Path
	}
}
