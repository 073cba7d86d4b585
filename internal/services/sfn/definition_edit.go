package sfn

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// A definition is edited as generic JSON: parsed with numbers kept as
// written (json.Number), one Task state's SecurityGroups changed, written
// back. Nothing else in the document is read or dropped; key order and
// spacing are JSON's own business and not kept, which is why rollback
// sends the recorded text back whole when the document is otherwise what
// it was.

// taskSite is an ECS Task state's awsvpc configuration inside a parsed
// definition, addressed by the JSON Pointer (RFC 6901) of the state.
type taskSite struct {
	Pointer string
	Vpc     map[string]any // the AwsvpcConfiguration object, nil when computed at run time
}

func parseDefinition(def string) (any, error) {
	d := json.NewDecoder(strings.NewReader(def))
	d.UseNumber()
	var doc any
	if err := d.Decode(&doc); err != nil {
		return nil, fmt.Errorf("definition is not JSON: %w", err)
	}
	return doc, nil
}

// writeDefinition writes doc compactly, without HTML escaping (a Choice
// rule's "<" stays "<").
func writeDefinition(doc any) (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// taskSites finds the ECS Task states of a parsed definition, wherever they
// are nested, with their literal awsvpc configuration.
func taskSites(doc any) []taskSite {
	var out []taskSite
	var walk func(ptr string, v any)
	walk = func(ptr string, v any) {
		switch v := v.(type) {
		case []any:
			for i, e := range v {
				walk(ptr+"/"+strconv.Itoa(i), e)
			}
		case map[string]any:
			if r, ok := v["Resource"].(string); ok && ecsRunTask.MatchString(r) {
				out = append(out, taskSite{Pointer: ptr, Vpc: awsvpcObject(v)})
			}
			for _, k := range sortedKeys(v) {
				walk(ptr+"/"+escapePointer(k), v[k])
			}
		}
	}
	walk("", doc)
	return out
}

// awsvpcObject is the state's literal AwsvpcConfiguration object, nil when
// it has none or it is computed at run time.
func awsvpcObject(state map[string]any) map[string]any {
	params, known := field(state, "Parameters")
	if params == nil && known {
		params, known = field(state, "Arguments")
	}
	if !known {
		return nil
	}
	net, known := field(asMap(params), "NetworkConfiguration")
	if !known {
		return nil
	}
	vpc, known := field(asMap(net), "AwsvpcConfiguration")
	if !known {
		return nil
	}
	return asMap(vpc)
}

func escapePointer(k string) string {
	return strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
}

// siteAt is the Task state at pointer, if it is still an ECS Task state
// with a literal awsvpc configuration.
func siteAt(doc any, pointer string) (taskSite, bool) {
	for _, s := range taskSites(doc) {
		if s.Pointer == pointer && s.Vpc != nil {
			return s, true
		}
	}
	return taskSite{}, false
}

// setGroups sets the state's SecurityGroups to groups (an empty list is
// written as []).
func setGroups(vpc map[string]any, groups []string) {
	list := make([]any, 0, len(groups))
	for _, g := range groups {
		list = append(list, g)
	}
	vpc["SecurityGroups"] = list
}

// withGroups is def with the state at pointer given groups; changed is
// false when it already had them.
func withGroups(def, pointer string, groups []string) (next string, changed bool, err error) {
	doc, err := parseDefinition(def)
	if err != nil {
		return "", false, err
	}
	site, ok := siteAt(doc, pointer)
	if !ok {
		return "", false, fmt.Errorf("definition has no ECS task network at %s any more", pointer)
	}
	before, _ := literals(site.Vpc, "SecurityGroups")
	if _, had := site.Vpc["SecurityGroups"]; had && slices.Equal(before, groups) {
		return def, false, nil
	}
	setGroups(site.Vpc, groups)
	next, err = writeDefinition(doc)
	return next, err == nil, err
}

// restored is the current definition cur with the state at pointer given
// back what the recorded definition rec had there (SecurityGroups, or none
// at all). When the result is rec's document, rec's own text is returned,
// so a rollback leaves the definition exactly as it was read; changed is
// false when cur needs no call.
func restored(cur, rec, pointer string) (next string, changed bool, err error) {
	if cur == rec {
		return cur, false, nil
	}
	recDoc, err := parseDefinition(rec)
	if err != nil {
		return "", false, fmt.Errorf("recorded definition: %w", err)
	}
	curDoc, err := parseDefinition(cur)
	if err != nil {
		return "", false, err
	}
	recSite, ok := siteAt(recDoc, pointer)
	if !ok {
		return "", false, fmt.Errorf("recorded definition has no ECS task network at %s", pointer)
	}
	curSite, ok := siteAt(curDoc, pointer)
	if !ok {
		return "", false, fmt.Errorf("definition has no ECS task network at %s any more", pointer)
	}
	if v, had := recSite.Vpc["SecurityGroups"]; had {
		curSite.Vpc["SecurityGroups"] = v
	} else {
		delete(curSite.Vpc, "SecurityGroups")
	}
	if reflect.DeepEqual(curDoc, recDoc) {
		return rec, true, nil
	}
	if pristine, _ := parseDefinition(cur); reflect.DeepEqual(curDoc, pristine) {
		return cur, false, nil
	}
	next, err = writeDefinition(curDoc)
	return next, err == nil, err
}
