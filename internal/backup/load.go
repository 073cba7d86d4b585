package backup

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/defaultsg/defaultsg/internal/atomicfile"
)

// ErrInvalid marks a backup that must not be used: unreadable, truncated,
// edited, or of an unknown schema.
var ErrInvalid = errors.New("invalid backup")

// maxSize bounds what Load reads; a real backup of thousands of groups is a
// few MB.
const maxSize = 256 << 20

// Load reads and validates a backup file. Only a regular file is opened,
// and its size is checked before anything is read: a FIFO or a device is
// refused at once instead of hanging, a huge file without reading it.
func Load(path string) (*Document, error) {
	data, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	d, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return d, nil
}

// ReadFile reads a file that should hold a backup, with Load's checks
// (a regular file, not larger than a backup can be).
func ReadFile(path string) ([]byte, error) {
	data, err := atomicfile.ReadRegular(path, maxSize)
	if errors.Is(err, atomicfile.ErrNotRegular) || errors.Is(err, atomicfile.ErrTooLarge) {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return data, err
}

// Parse decodes and validates backup bytes.
func Parse(data []byte) (*Document, error) {
	var d Document
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("%w: not a well-formed backup (truncated or edited?): %v", ErrInvalid, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: trailing data after the document", ErrInvalid)
	}
	if d.Schema != SchemaVersion {
		if strings.HasPrefix(d.Schema, "defaultsg.backup/") {
			return nil, fmt.Errorf("%w: schema %q is not supported by this version (want %q)", ErrInvalid, d.Schema, SchemaVersion)
		}
		return nil, fmt.Errorf("%w: not a defaultsg backup (schema %q)", ErrInvalid, d.Schema)
	}
	sum, err := d.computeChecksum()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if d.Checksum != sum {
		return nil, fmt.Errorf("%w: checksum mismatch: the file was modified after it was written", ErrInvalid)
	}
	if err := d.validate(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return &d, nil
}

func (d *Document) validate() error {
	seen := map[string]bool{}
	for i, g := range d.Groups {
		if g.Account == "" || g.Region == "" || g.GroupID == "" || g.VpcID == "" {
			return fmt.Errorf("group %d: account, region, vpc_id and group_id are required", i)
		}
		key := g.Account + "/" + g.Region + "/" + g.GroupID
		if seen[key] {
			return fmt.Errorf("group %s appears twice", key)
		}
		seen[key] = true
		for j, r := range g.Rules {
			peers := 0
			for _, s := range []string{r.CidrIPv4, r.CidrIPv6, r.PrefixList} {
				if s != "" {
					peers++
				}
			}
			if r.Group != nil {
				peers++
				if r.Group.GroupID == "" {
					return fmt.Errorf("group %s rule %d: referenced group without group_id", g.GroupID, j)
				}
			}
			if peers != 1 || r.Protocol == "" {
				return fmt.Errorf("group %s rule %d: a rule needs a protocol and exactly one peer", g.GroupID, j)
			}
		}
	}
	return nil
}

// Assemble makes a document of groups read from another record of revoked
// rules (the guard's), validated like a backup file; it has no checksum,
// because nothing sealed it.
func Assemble(groups []Group) (*Document, error) {
	d := &Document{Schema: SchemaVersion, Groups: groups}
	if err := d.validate(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return d, nil
}
