package model

import (
	"strconv"
	"strings"
)

// Kind is the shape of a CloudFormation value.
type Kind int

// Value kinds. Short-form tags (!Ref, !GetAtt, ...) are normalised by the
// parser into the long form, a one-entry Map whose key is "Ref" or "Fn::X".
const (
	Null Kind = iota
	Scalar
	Map
	List
)

// Value is a CloudFormation template value with its position. Maps keep
// their key order so that output is deterministic and matches the file.
type Value struct {
	Kind    Kind
	Str     string
	Entries []Entry
	Items   []*Value
	Pos     Pos
}

// Entry is one key of a Map value.
type Entry struct {
	Key    string
	KeyPos Pos
	Value  *Value
}

// Get returns the value under key in a Map, or nil.
func (v *Value) Get(key string) *Value {
	if v == nil || v.Kind != Map {
		return nil
	}
	for _, e := range v.Entries {
		if e.Key == key {
			return e.Value
		}
	}
	return nil
}

// Intrinsic reports whether v is an intrinsic function call (a one-entry map
// keyed "Ref", "Condition" or "Fn::*") and returns its name and argument.
func (v *Value) Intrinsic() (name string, arg *Value, ok bool) {
	if v == nil || v.Kind != Map || len(v.Entries) != 1 {
		return "", nil, false
	}
	k := v.Entries[0].Key
	if k == "Ref" || k == "Condition" || strings.HasPrefix(k, "Fn::") {
		return k, v.Entries[0].Value, true
	}
	return "", nil, false
}

// Template is one parsed CloudFormation (or SAM, or CDK-synthesised) template.
type Template struct {
	Path       string
	Root       *Value
	Parameters *Value
	Globals    *Value // SAM Globals section
	Resources  []Resource
	Outputs    []Output
	// CDK is true when the template was synthesised by the AWS CDK.
	CDK bool
}

// Resource is one entry of the Resources section.
type Resource struct {
	ID         string
	Type       string
	Properties *Value
	Metadata   *Value
	Pos        Pos
}

// Output is one entry of the Outputs section. Export is the Export.Name value.
type Output struct {
	Name   string
	Value  *Value
	Export *Value
	Pos    Pos
}

// Resource returns the resource with logical id id, or nil.
func (t *Template) Resource(id string) *Resource {
	for i := range t.Resources {
		if t.Resources[i].ID == id {
			return &t.Resources[i]
		}
	}
	return nil
}

// PathIndex renders a list index for property paths.
func PathIndex(base string, i int) string { return base + "[" + strconv.Itoa(i) + "]" }

// PathKey joins a property path with a key.
func PathKey(base, key string) string {
	if base == "" {
		return key
	}
	return base + "." + key
}
