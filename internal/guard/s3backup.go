package guard

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/defaultsg/defaultsg/internal/backup"
)

// S3Backup keeps each record as one object in S3, through internal/backup's
// conditional write (If-None-Match: *), and reads it back before Write
// returns: the handler revokes nothing until the record is durably kept.
//
// The key is PREFIX<account>/<region>/<group-id>/<event-id>-<digest>.json,
// digest the first 16 hex digits of the SHA-256 of the body. The body is
// byte for byte the log line LogBackup writes ({"defaultsg_guard_backup":
// {...}} and a newline), so one restore recipe serves both (docs/GUARD.md).
//
// Idempotency: the same record (a duplicate or retried event: the record is
// a function of the event and of the rules it revokes, its time the event's)
// has the same key. A taken key holding exactly these bytes is success; a
// taken key holding anything else is an error, and the object is never
// overwritten. A retry that finds fewer rules (a revoke that failed half
// way) or a lockdown run again makes a different record: it gets its own
// key instead of conflicting with the first, so no retry is stuck.
type S3Backup struct {
	// Store is the S3 client (with its KMS key, if any). An empty Account
	// or Region is taken from each record, to name where an error happened.
	Store  backup.S3Store
	Bucket string
	// Prefix is put in front of every key; "/" is added when it does not
	// end in one.
	Prefix string
}

// RecordBody is a record as the log line and the S3 object hold it.
func RecordBody(r Record) ([]byte, error) {
	b, err := json.Marshal(struct {
		Backup Record `json:"defaultsg_guard_backup"`
	}{r})
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Key is where the record with this body is kept.
func (s S3Backup) Key(r Record, body []byte) string {
	sum := sha256.Sum256(body)
	return NormalizePrefix(s.Prefix) + keyPart(r.Account) + "/" + keyPart(r.Region) + "/" + keyPart(r.GroupID) + "/" +
		keyPart(r.EventID) + "-" + hex.EncodeToString(sum[:8]) + ".json"
}

// NormalizePrefix drops a leading "/" and ends a non-empty prefix with one.
func NormalizePrefix(p string) string {
	p = strings.TrimLeft(p, "/")
	if p != "" && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// keyPart keeps a key segment to letters, digits, '.', '_' and '-' (event
// ids are UUIDs; anything else is replaced), never empty or "."/"..".
func keyPart(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	if out := b.String(); out != "" && strings.Trim(out, ".") != "" {
		return out
	}
	return "_"
}

// Write puts the record, then reads it back and compares the bytes.
func (s S3Backup) Write(ctx context.Context, r Record) error {
	body, err := RecordBody(r)
	if err != nil {
		return err
	}
	st := s.Store
	if st.Account == "" {
		st.Account = r.Account
	}
	if st.Region == "" {
		st.Region = r.Region
	}
	key := s.Key(r, body)
	url := backup.S3Location{Bucket: s.Bucket, Key: key}.String()
	existed := false
	switch err := st.Put(ctx, s.Bucket, key, body); {
	case errors.Is(err, backup.ErrExists):
		existed = true // the same record written before (a duplicate event), or not: compared below
	case err != nil:
		return fmt.Errorf("backup record not written to S3: %w", err)
	}
	back, err := st.Get(ctx, s.Bucket, key)
	if err != nil {
		return fmt.Errorf("backup record %s could not be read back: %w", url, err)
	}
	if !bytes.Equal(back, body) {
		if existed {
			return fmt.Errorf("account %s, region %s, s3:PutObject %s: the key already holds a different object (%d bytes; this record is %d): not overwritten",
				st.Account, st.Region, url, len(back), len(body))
		}
		return fmt.Errorf("account %s, region %s, s3:GetObject %s: the backup record reads back different from what was written (%d bytes written, %d read)",
			st.Account, st.Region, url, len(body), len(back))
	}
	return nil
}
