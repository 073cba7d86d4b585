package guard

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/defaultsg/defaultsg/internal/backup"
	"github.com/defaultsg/defaultsg/internal/sgrule"
)

// recordKey marks a line that holds a guard record.
var recordKey = []byte(`"defaultsg_guard_backup"`)

// IsRecords reports whether data holds guard records (a log line, a saved
// log, or an S3 object the handler wrote) rather than a close backup.
func IsRecords(data []byte) bool { return bytes.Contains(data, recordKey) }

// ParseRecords reads every guard record in data — one JSON object
// {"defaultsg_guard_backup": {...}} per line, anywhere in the line (a log
// export may put a timestamp and request id before it), other lines
// ignored — and makes one restorable document of them: per group, every
// permission the records hold, once. defaultsg restore then puts back what
// is missing, as it does for a close backup.
func ParseRecords(data []byte) (*backup.Document, error) {
	type key struct{ account, region, group string }
	groups := map[key]*backup.Group{}
	seen := map[key]map[string]int{} // rule key → index in the group's rules
	n := 0
	for i, line := range bytes.Split(data, []byte("\n")) {
		if !bytes.Contains(line, recordKey) {
			continue
		}
		start := bytes.IndexByte(line, '{')
		var env struct {
			Record *Record `json:"defaultsg_guard_backup"`
		}
		dec := json.NewDecoder(bytes.NewReader(line[max(start, 0):]))
		dec.DisallowUnknownFields()
		if start < 0 || dec.Decode(&env) != nil || env.Record == nil {
			return nil, fmt.Errorf("%w: line %d: not a well-formed guard record", backup.ErrInvalid, i+1)
		}
		r := env.Record
		if r.Schema != RecordSchema {
			return nil, fmt.Errorf("%w: line %d: guard record schema %q is not supported by this version (want %q)", backup.ErrInvalid, i+1, r.Schema, RecordSchema)
		}
		k := key{r.Account, r.Region, r.GroupID}
		g := groups[k]
		if g == nil {
			g = &backup.Group{Account: r.Account, Region: r.Region, VpcID: r.VpcID, GroupID: r.GroupID, GroupName: "default"}
			groups[k], seen[k] = g, map[string]int{}
		}
		// The same permission in two records (revoked, added again,
		// revoked again): one rule, as the later record has it.
		for _, rule := range r.Rules {
			if j, ok := seen[k][rule.Key()]; ok {
				g.Rules[j] = rule
				continue
			}
			seen[k][rule.Key()] = len(g.Rules)
			g.Rules = append(g.Rules, rule)
		}
		n++
	}
	if n == 0 {
		return nil, fmt.Errorf("%w: no guard record (a line with \"defaultsg_guard_backup\")", backup.ErrInvalid)
	}
	out := make([]backup.Group, 0, len(groups))
	for _, g := range groups {
		sgrule.Sort(g.Rules)
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b backup.Group) int {
		return cmp.Or(cmp.Compare(a.Account, b.Account), cmp.Compare(a.Region, b.Region), cmp.Compare(a.GroupID, b.GroupID))
	})
	return backup.Assemble(out)
}
