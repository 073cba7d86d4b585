// Package backup is the durable record of every rule `close` revokes and the
// input of `restore`. A backup is written atomically, never overwritten, read
// back and verified before any rule is revoked, and carries a checksum so a
// truncated or edited file is refused.
package backup

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/defaultsg/defaultsg/internal/atomicfile"
	"github.com/defaultsg/defaultsg/internal/sgrule"
)

// SchemaVersion identifies the format (docs/BACKUP.md).
const SchemaVersion = "defaultsg.backup/v1"

// Document is a backup file.
type Document struct {
	Schema          string    `json:"schema"`
	ToolVersion     string    `json:"tool_version"`
	CreatedAt       time.Time `json:"created_at"`
	AcceptedUnknown []string  `json:"accepted_unknown,omitempty"`
	Groups          []Group   `json:"groups"`
	// Checksum is "sha256:<hex>" of the document encoded with Checksum empty.
	Checksum string `json:"checksum"`
}

// Group is one default group and every rule it had when backed up.
type Group struct {
	Account   string        `json:"account"`
	Region    string        `json:"region"`
	VpcID     string        `json:"vpc_id"`
	GroupID   string        `json:"group_id"`
	GroupName string        `json:"group_name"`
	Rules     []sgrule.Rule `json:"rules"`
}

// Accounts lists the distinct accounts in the document, sorted.
func (d *Document) Accounts() []string {
	seen := map[string]bool{}
	var out []string
	for _, g := range d.Groups {
		if !seen[g.Account] {
			seen[g.Account] = true
			out = append(out, g.Account)
		}
	}
	sort.Strings(out)
	return out
}

// RuleCount counts all rules in the document.
func (d *Document) RuleCount() int {
	n := 0
	for _, g := range d.Groups {
		n += len(g.Rules)
	}
	return n
}

func (d *Document) encode() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (d *Document) computeChecksum() (string, error) {
	c := *d
	c.Checksum = ""
	b, err := c.encode()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:]), nil
}

// DefaultName is the file name for a new backup: account (or "multi") and
// UTC timestamp, so backups sort by time and accumulate.
func DefaultName(accounts []string, at time.Time) string {
	who := "multi"
	if len(accounts) == 1 {
		who = accounts[0]
	}
	return fmt.Sprintf("defaultsg-backup-%s-%s.json", who, at.UTC().Format("20060102T150405Z"))
}

// Write stores d at dst (never replacing an existing file), then reads it
// back and verifies it. Only a default name (dst.AutoNumber) is numbered
// when taken (-2, -3, …); an explicit path that exists is an error
// (ErrExists), never a surprise path. It returns the path actually written.
// Callers must not change AWS if Write fails.
func Write(dst Destination, d *Document) (string, error) {
	data, err := seal(d)
	if err != nil {
		return "", err
	}
	path := dst.Path
	written := path
	for i := 2; ; i++ {
		err = atomicfile.CreateExclusive(written, data, 0o600)
		if err == nil {
			break
		}
		if errors.Is(err, os.ErrExist) && !dst.AutoNumber {
			return "", fmt.Errorf("backup not written, nothing changed: %w: %s", ErrExists, written)
		}
		if !errors.Is(err, os.ErrExist) || i > 100 {
			return "", fmt.Errorf("backup not written, nothing changed: %w", err)
		}
		ext := filepath.Ext(path)
		written = fmt.Sprintf("%s-%d%s", strings.TrimSuffix(path, ext), i, ext)
	}
	back, err := Load(written)
	if err != nil {
		return "", fmt.Errorf("backup %s failed verification after writing, nothing changed: %w", written, err)
	}
	if !groupsEqual(back.Groups, d.Groups) {
		return "", fmt.Errorf("backup %s reads back different from what was written, nothing changed", written)
	}
	return written, nil
}

// seal validates d, sets its schema and checksum, and encodes it: the
// bytes a backup file or object holds.
func seal(d *Document) ([]byte, error) {
	d.Schema = SchemaVersion
	if err := d.validate(); err != nil {
		return nil, fmt.Errorf("backup not written, nothing changed: %w", err)
	}
	sum, err := d.computeChecksum()
	if err != nil {
		return nil, fmt.Errorf("encoding backup: %w", err)
	}
	d.Checksum = sum
	data, err := d.encode()
	if err != nil {
		return nil, fmt.Errorf("encoding backup: %w", err)
	}
	return data, nil
}

func groupsEqual(a, b []Group) bool { return reflect.DeepEqual(a, b) }
