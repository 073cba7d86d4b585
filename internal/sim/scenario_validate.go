package sim

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

var accountIDPattern = regexp.MustCompile(`^[0-9]{12}$`)

// validate checks what the YAML decoder cannot: ids, uniqueness and that
// resources sit in regions the account has. References between resources
// are checked when the state is built (build.go), with the same positions.
func (sc *Scenario) validate() error {
	if len(sc.AccountSpecs) == 0 {
		return sc.errAt(path{"accounts"}, "at least one account is required")
	}
	ids, keys := map[string]bool{}, map[string]bool{}
	for i, a := range sc.AccountSpecs {
		p := path{"accounts", i}
		if !accountIDPattern.MatchString(a.ID) {
			return sc.errAt(append(p, "id"), "account id %q is not 12 digits (quote it in YAML)", a.ID)
		}
		if ids[a.ID] {
			return sc.errAt(append(p, "id"), "duplicate account %s", a.ID)
		}
		if keys[a.accessKey()] {
			return sc.errAt(append(p, "access_key_id"), "duplicate access key %s", a.accessKey())
		}
		ids[a.ID], keys[a.accessKey()] = true, true
		regions := sc.regionsOf(a)
		if err := sc.validateRegions(regions, p); err != nil {
			return err
		}
		for name := range a.Resources {
			if r, ok := findRegion(regions, name); !ok || !r.enabled() {
				return sc.errAt(append(p, "resources", name), "region %s is not an enabled region of account %s", name, a.ID)
			}
		}
	}
	return sc.validateOrg()
}

func (sc *Scenario) validateRegions(regions RegionList, p path) error {
	if len(regions) == 0 {
		return sc.errAt(path{"regions"}, "no regions: give `regions: standard` or a list")
	}
	seen := map[string]bool{}
	for _, r := range regions {
		if r.Name == "" || seen[r.Name] {
			return sc.errAt(p, "region name %q is empty or duplicated", r.Name)
		}
		seen[r.Name] = true
		switch r.OptInStatus {
		case "", optInNotRequired, optedIn, notOptedIn:
		default:
			return sc.errAt(p, "region %s: opt_in_status %q is not one of %s, %s, %s",
				r.Name, r.OptInStatus, optInNotRequired, optedIn, notOptedIn)
		}
	}
	return nil
}

// regionsOf is the account's own region list, or the scenario's.
func (sc *Scenario) regionsOf(a AccountSpec) RegionList {
	if len(a.Regions) > 0 {
		return a.Regions
	}
	return sc.Regions
}

func findRegion(l RegionList, name string) (RegionSpec, bool) {
	for _, r := range l {
		if r.Name == name {
			return r, true
		}
	}
	return RegionSpec{}, false
}

// path locates a value in the scenario: map keys and list indexes.
type path []any

func (p path) String() string {
	var b strings.Builder
	for _, e := range p {
		switch v := e.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", v)
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			fmt.Fprint(&b, v)
		}
	}
	return b.String()
}

// errAt formats a scenario error with the YAML line of p when the scenario
// came from YAML.
func (sc *Scenario) errAt(p path, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if line := lineOf(sc.root, p); line > 0 {
		return fmt.Errorf("scenario: line %d: %s: %s", line, p, msg)
	}
	return fmt.Errorf("scenario: %s: %s", p, msg)
}

// lineOf walks the YAML tree along p and returns the deepest line found.
func lineOf(n *yaml.Node, p path) int {
	if n == nil {
		return 0
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := n.Line
	for _, e := range p {
		var next *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			key := fmt.Sprint(e)
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == key {
					next = n.Content[i+1]
				}
			}
		case yaml.SequenceNode:
			if i, ok := e.(int); ok && i < len(n.Content) {
				next = n.Content[i]
			} else if s, ok := e.(string); ok {
				if i, err := strconv.Atoi(s); err == nil && i < len(n.Content) {
					next = n.Content[i]
				}
			}
		}
		if next == nil {
			break
		}
		n, line = next, next.Line
	}
	return line
}
