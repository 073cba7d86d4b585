package plan

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/defaultsg/defaultsg/internal/atomicfile"
)

// ErrInvalid marks a plan file that must not be applied.
var ErrInvalid = errors.New("invalid plan")

type sealed struct {
	*Plan
	Checksum string `json:"checksum"`
}

func (p *Plan) checksum() (string, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:]), nil
}

// Save writes p atomically with a checksum, so an edited or truncated plan
// is refused by Load.
func Save(path string, p *Plan) error {
	sum, err := p.checksum()
	if err != nil {
		return err
	}
	data, err := json.MarshalIndent(sealed{p, sum}, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(path, append(data, '\n'), 0o600)
}

// maxSize bounds what Load reads; a plan of thousands of moves is a few MB.
const maxSize = 256 << 20

// Load reads and validates a plan file. Only a regular file is opened, and
// its size is checked before anything is read.
func Load(path string) (*Plan, error) {
	data, err := atomicfile.ReadRegular(path, maxSize)
	if errors.Is(err, atomicfile.ErrNotRegular) || errors.Is(err, atomicfile.ErrTooLarge) {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	if err != nil {
		return nil, err
	}
	var s sealed
	s.Plan = &Plan{}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("%w: %s is not a well-formed plan (truncated or edited?): %v", ErrInvalid, path, err)
	}
	if s.Schema != SchemaVersion {
		return nil, fmt.Errorf("%w: %s has schema %q, want %q", ErrInvalid, path, s.Schema, SchemaVersion)
	}
	sum, err := s.Plan.checksum()
	if err != nil || sum != s.Checksum {
		return nil, fmt.Errorf("%w: %s was modified after it was written (checksum mismatch)", ErrInvalid, path)
	}
	return s.Plan, nil
}
