package cdk

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// restrictFlag is the feature flag that makes every Vpc remove its
// default group's rules unless restrictDefaultSecurityGroup says otherwise.
const restrictFlag = "@aws-cdk/aws-ec2:restrictDefaultSecurityGroup"

// IsConfig reports whether name is a CDK app's cdk.json.
func IsConfig(name string) bool { return name == "cdk.json" }

// ParseConfig reads cdk.json: the restrictDefaultSecurityGroup feature
// flag set to false switches the lockdown off for every Vpc of the app
// that does not set the property itself. A cdk.json that is not valid
// JSON is an error, as the CDK CLI would refuse it too.
func ParseConfig(path string, data []byte) (*model.SourceFile, error) {
	var cfg struct {
		Context map[string]any `json:"context"`
	}
	if err := json.Unmarshal(model.StripBOM(data), &cfg); err != nil {
		return nil, fmt.Errorf("cdk.json: %w", err)
	}
	src := &model.SourceFile{Path: path, Lang: "cdk.json"}
	if v, ok := cfg.Context[restrictFlag].(bool); ok && !v {
		line, col := 1, 1
		if i := bytes.Index(data, []byte(`"`+restrictFlag+`"`)); i >= 0 {
			line, col = newLines(data).at(i)
		}
		src.Uses = append(src.Uses, model.SourceUse{Kind: model.UseLockdownOff, Pos: model.Pos{File: path, Line: line, Col: col},
			Expr: restrictFlag + ": false", Where: "feature flag"})
	}
	return src, nil
}
