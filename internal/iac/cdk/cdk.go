// Package cdk reads CDK app source — TypeScript, JavaScript, Python, Java,
// C# and Go — for the places that take a VPC's default security group
// through the construct API, put it in a resource's groups, add rules to
// it, output it, or switch the VPC's lockdown off. Each language is read by
// a real tokenizer (go/scanner for Go, tdewolff/parse's ECMAScript lexer for
// TypeScript and JavaScript, text/scanner for Java, C# and Python), so
// comments and string literals never match; the analysis then works on the
// token stream: brackets, property keys, calls and simple assignments.
package cdk

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// Languages, as written into model.SourceFile.Lang.
const (
	langTS     = "typescript"
	langJS     = "javascript"
	langPython = "python"
	langJava   = "java"
	langCSharp = "csharp"
	langGo     = "go"
)

// LangOf returns the language of a source file by its extension.
// TypeScript declaration files (.d.ts) hold no app code.
func LangOf(name string) (string, bool) {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".d.ts") {
		return "", false
	}
	switch filepath.Ext(lower) {
	case ".ts", ".tsx", ".mts", ".cts":
		return langTS, true
	case ".js", ".jsx", ".mjs", ".cjs":
		return langJS, true
	case ".py":
		return langPython, true
	case ".java":
		return langJava, true
	case ".cs":
		return langCSharp, true
	case ".go":
		return langGo, true
	}
	return "", false
}

// needles: every construct-API name the analysis looks for contains one of
// these (vpcDefaultSecurityGroup, VpcDefaultSecurityGroup,
// getVpcDefaultSecurityGroup, vpc_default_security_group,
// attrDefaultSecurityGroup, restrictDefaultSecurityGroup, ...).
var needles = [][]byte{[]byte("efaultSecurityGroup"), []byte("efault_security_group")}

// Candidate is a byte test that lets the scanner skip tokenizing the many
// source files that cannot contain a finding.
func Candidate(data []byte) bool {
	for _, n := range needles {
		if bytes.Contains(data, n) {
			return true
		}
	}
	return false
}

// Parse tokenizes one source file and finds its uses of the default group.
// It returns nil when the file is not part of a CDK app: it neither
// imports the CDK nor lies under a cdk.json (inApp).
func Parse(path string, data []byte, lim model.Limits, inApp bool) (*model.SourceFile, error) {
	return ParseFollowing(path, data, lim, inApp, nil)
}

// ParseFollowing is Parse where reads of the members other files set to the
// default group (network.defaultSg, props.defaultSg) count as uses: the
// second pass of a scan whose first pass found such members.
func ParseFollowing(path string, data []byte, lim model.Limits, inApp bool, members map[string]model.SourceMember) (*model.SourceFile, error) {
	data = model.StripBOM(data)
	if err := model.Precheck(data, lim); err != nil {
		return nil, err
	}
	lang, ok := LangOf(path)
	if !ok {
		return nil, nil
	}
	var toks []tok
	switch lang {
	case langTS, langJS:
		toks = lexJS(data)
	case langGo:
		toks = lexGo(data)
	default:
		toks = lexText(data, lang)
	}
	ls := newLines(data)
	toks = ls.finish(toks)
	if !inApp && !importsCDK(toks) {
		return nil, nil
	}
	a := newAnalyzer(path, lang, data, toks, ls)
	a.extern = members
	uses := a.run()
	return &model.SourceFile{Path: path, Lang: lang, Uses: uses, Members: a.members}, nil
}

// importsCDK recognises the CDK's module names: "aws-cdk-lib" and
// "@aws-cdk/..." (TypeScript, JavaScript), aws_cdk (Python),
// software.amazon.awscdk (Java), Amazon.CDK (C#), and
// "github.com/aws/aws-cdk-go/awscdk/v2" (Go).
func importsCDK(ts []tok) bool {
	for i, t := range ts {
		switch t.kind {
		case tString:
			v := stringValue(t.text)
			if strings.HasPrefix(v, "aws-cdk-lib") || strings.HasPrefix(v, "@aws-cdk/") || strings.Contains(v, "/aws-cdk-go/") {
				return true
			}
		case tIdent:
			if t.text == "aws_cdk" || t.text == "awscdk" && i > 1 && ts[i-2].text == "amazon" ||
				t.text == "CDK" && i > 1 && ts[i-2].text == "Amazon" && ts[i-1].text == "." {
				return true
			}
		}
	}
	return false
}
