package output

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/defaultsg/defaultsg/internal/iac/model"
	"github.com/defaultsg/defaultsg/internal/iac/rules"
)

// SARIF 2.1.0 as GitHub code scanning reads it: rules in the driver,
// results with physical locations relative to the repository root,
// security-severity for ranking, and parse failures as tool notifications
// with executionSuccessful=false.
const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Results     []sarifResult     `json:"results"`
	Invocations []sarifInvocation `json:"invocations"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	ShortDescription     sarifText         `json:"shortDescription"`
	FullDescription      sarifText         `json:"fullDescription"`
	Help                 sarifText         `json:"help"`
	HelpURI              string            `json:"helpUri"`
	DefaultConfiguration map[string]string `json:"defaultConfiguration"`
	Properties           map[string]any    `json:"properties"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Kind                string            `json:"kind"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Suppressions        []sarifSuppr      `json:"suppressions,omitempty"`
}

type sarifSuppr struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical     `json:"physicalLocation"`
	LogicalLocations []sarifLogicalLoc `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
}

type sarifLogicalLoc struct {
	Name               string `json:"name"`
	FullyQualifiedName string `json:"fullyQualifiedName"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifWriter struct{}

func (sarifWriter) Write(w io.Writer, r *Report) error {
	run := sarifRun{Tool: sarifTool{Driver: sarifDriver{Name: "defaultsg", Version: r.ToolVersion,
		InformationURI: "https://github.com/defaultsg/defaultsg", Rules: []sarifRule{}}},
		Results: []sarifResult{}}
	index := map[string]int{}
	for i, rule := range r.Rules {
		index[rule.ID] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID: rule.ID, Name: rule.Name, ShortDescription: sarifText{rule.Name}, FullDescription: sarifText{rule.Summary},
			Help:                 sarifText{"Fix: " + rule.Fix},
			HelpURI:              "https://github.com/defaultsg/defaultsg/blob/main/docs/SCAN.md#" + strings.ToLower(rule.ID),
			DefaultConfiguration: map[string]string{"level": level(rule.Severity)},
			Properties:           map[string]any{"security-severity": securitySeverity(rule.Severity), "tags": []string{"security", "aws", "ec2.2"}},
		})
	}
	for _, f := range r.Result.Findings {
		run.Results = append(run.Results, sarifResultOf(f, index[f.RuleID], nil))
	}
	for _, s := range r.Result.Suppressed {
		run.Results = append(run.Results, sarifResultOf(s.Finding, index[s.Finding.RuleID], []sarifSuppr{{Kind: "inSource", Justification: s.Reason}}))
	}
	inv := sarifInvocation{ExecutionSuccessful: len(r.Result.Errors) == 0, Notifications: []sarifNotification{}}
	for _, e := range r.Result.Errors {
		inv.Notifications = append(inv.Notifications, sarifNotification{Level: "error", Message: sarifText{e.Err.Error()},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: uri(e.File), URIBaseID: "%SRCROOT%"}}}}})
	}
	for _, n := range r.Result.Notes {
		inv.Notifications = append(inv.Notifications, sarifNotification{Level: "note", Message: sarifText{"skipped: " + n.Err.Error()},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: uri(n.File), URIBaseID: "%SRCROOT%"}}}}})
	}
	run.Invocations = []sarifInvocation{inv}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

func sarifResultOf(f model.Finding, ruleIndex int, sup []sarifSuppr) sarifResult {
	kind := "fail"
	switch {
	case rules.IsPass(f.RuleID):
		kind = "pass"
	case f.Severity == model.Info:
		kind = "informational"
	}
	msg := f.Message
	if f.Severity > model.Info && f.Fix != "" {
		msg += ". Fix: " + f.Fix
	}
	loc := sarifLocation{PhysicalLocation: sarifPhysical{
		ArtifactLocation: sarifArtifact{URI: uri(f.Pos.File), URIBaseID: "%SRCROOT%"},
		Region:           &sarifRegion{StartLine: max(f.Pos.Line, 1), StartColumn: max(f.Pos.Col, 1)},
	}}
	if f.Resource != "" {
		fq := f.Resource
		if f.Path != "" {
			fq += "." + f.Path
		}
		loc.LogicalLocations = []sarifLogicalLoc{{Name: f.Resource, FullyQualifiedName: fq}}
	}
	// The fingerprint leaves out the line so that an alert survives edits
	// above it.
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s|%s|%s|%s", f.RuleID, uri(f.Pos.File), f.Resource, f.Path)))
	return sarifResult{RuleID: f.RuleID, RuleIndex: ruleIndex, Kind: kind, Level: level(f.Severity),
		Message: sarifText{msg}, Locations: []sarifLocation{loc},
		PartialFingerprints: map[string]string{"defaultsg/v1": hex.EncodeToString(sum[:16])}, Suppressions: sup}
}

func level(s model.Severity) string {
	switch s {
	case model.High:
		return "error"
	case model.Medium:
		return "warning"
	case model.Low:
		return "note"
	}
	return "none"
}

func securitySeverity(s model.Severity) string {
	switch s {
	case model.High:
		return "8.0"
	case model.Medium:
		return "5.5"
	case model.Low:
		return "3.0"
	}
	return "0.0"
}
