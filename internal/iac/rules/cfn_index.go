package rules

import (
	"path/filepath"
	"regexp"
	"strings"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// cfnIndex links templates: nested stacks to their parents, exports to
// their templates. Resolution results are memoised per value because the
// same output can be reached from many importers.
type cfnIndex struct {
	byPath  map[string]*model.Template
	callers map[*model.Template][]cfnCaller
	exports []cfnExport
	memo    map[*model.Value]*hit
	busy    map[*model.Value]bool
}

type cfnCaller struct {
	parent *model.Template
	res    *model.Resource
}

type cfnExport struct {
	pattern string
	t       *model.Template
	out     *model.Output
}

func newCFNIndex(ts []*model.Template) *cfnIndex {
	x := &cfnIndex{byPath: map[string]*model.Template{}, callers: map[*model.Template][]cfnCaller{},
		memo: map[*model.Value]*hit{}, busy: map[*model.Value]bool{}}
	for _, t := range ts {
		x.byPath[filepath.Clean(t.Path)] = t
	}
	for _, t := range ts {
		for i := range t.Resources {
			if child := x.child(t, &t.Resources[i]); child != nil {
				x.callers[child] = append(x.callers[child], cfnCaller{parent: t, res: &t.Resources[i]})
			}
		}
		for i := range t.Outputs {
			if p, ok := exportPattern(t.Outputs[i].Export); ok {
				x.exports = append(x.exports, cfnExport{pattern: p, t: t, out: &t.Outputs[i]})
			}
		}
	}
	return x
}

// child finds the template of a nested stack in the scanned tree: a local
// TemplateURL/Location (as used before `aws cloudformation package`) or the
// aws:asset:path metadata CDK writes into cdk.out.
func (x *cfnIndex) child(t *model.Template, r *model.Resource) *model.Template {
	var loc *model.Value
	switch r.Type {
	case "AWS::CloudFormation::Stack":
		loc = r.Properties.Get("TemplateURL")
	case "AWS::Serverless::Application":
		loc = r.Properties.Get("Location")
	default:
		return nil
	}
	var rel string
	if loc != nil && loc.Kind == model.Scalar && !strings.Contains(loc.Str, "://") {
		rel = loc.Str
	} else if p := r.Metadata.Get("aws:asset:path"); p != nil && p.Kind == model.Scalar {
		rel = p.Str
	}
	if rel == "" {
		return nil
	}
	return x.byPath[filepath.Join(filepath.Dir(t.Path), filepath.FromSlash(rel))]
}

var subVar = regexp.MustCompile(`\$\{([^!}][^}]*)\}`)

// exportPattern renders an export or import name with every unknown part
// (a ${...} or a nested intrinsic) as "*". Names that are almost entirely
// unknown cannot be matched safely and are dropped.
func exportPattern(v *model.Value) (string, bool) {
	var p string
	switch name, arg, ok := v.Intrinsic(); {
	case v == nil:
		return "", false
	case v.Kind == model.Scalar:
		p = v.Str
	case ok && name == "Fn::Sub":
		if arg.Kind == model.List && len(arg.Items) > 0 {
			arg = arg.Items[0]
		}
		if arg.Kind != model.Scalar {
			return "", false
		}
		p = subVar.ReplaceAllString(arg.Str, "*")
	case ok && name == "Fn::Join" && arg.Kind == model.List && len(arg.Items) == 2:
		sep, parts := arg.Items[0], arg.Items[1]
		if sep.Kind != model.Scalar || parts.Kind != model.List {
			return "", false
		}
		var b []string
		for _, it := range parts.Items {
			if it.Kind == model.Scalar {
				b = append(b, it.Str)
			} else {
				b = append(b, "*")
			}
		}
		p = strings.Join(b, sep.Str)
	default:
		return "", false
	}
	return p, len(strings.ReplaceAll(p, "*", "")) >= 3
}

// patternsMatch: equal patterns match; a literal matches a pattern whose
// "*" stand for any text.
func patternsMatch(a, b string) bool {
	if a == b {
		return true
	}
	if strings.Contains(a, "*") == strings.Contains(b, "*") {
		return false
	}
	if strings.Contains(a, "*") {
		a, b = b, a
	}
	re := "^" + strings.ReplaceAll(regexp.QuoteMeta(b), `\*`, ".*") + "$"
	ok, err := regexp.MatchString(re, a)
	return err == nil && ok
}
