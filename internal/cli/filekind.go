package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/defaultsg/defaultsg/internal/atomicfile"
	"github.com/defaultsg/defaultsg/internal/exitcode"
)

// fileKinds names, by schema, the files defaultsg writes and the commands
// that take them, so a file given to the wrong command says where it goes.
var fileKinds = map[string]struct{ what, takenBy string }{
	"defaultsg.plan":   {"a plan (from 'defaultsg plan --out')", "apply, verify (and rollback takes its .journal)"},
	"defaultsg.backup": {"a backup of revoked rules (from 'defaultsg close')", "restore"},
	"journal":          {"apply's journal", "rollback"},
	"defaultsg.audit":  {"an audit report", "no command (it is a report)"},
	"defaultsg.usage":  {"a usage report", "no command (it is a report)"},
	"defaultsg.verify": {"a verify report", "no command (it is a report)"},
	"defaultsg.scan":   {"a scan result (from 'defaultsg scan -o json')", "plan --iac-scan"},
}

// fileKind reads the schema of a file defaultsg wrote: "defaultsg.plan",
// "defaultsg.backup", …, "journal" for apply's JSON-lines journal, or ""
// when it is none of them (or unreadable: the command's own load says why).
func fileKind(path string) string {
	// Only a regular file is looked into: a FIFO would block the open, and
	// the command's own read refuses it with the reason.
	if atomicfile.CheckRegular(path, 256<<20) != nil {
		return ""
	}
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	var doc struct {
		Schema string `json:"schema"`
		Step   string `json:"step"`
		Phase  string `json:"phase"`
	}
	line, _ := bufio.NewReader(f).ReadString('\n')
	if json.Unmarshal([]byte(line), &doc) == nil && doc.Step != "" && doc.Phase != "" {
		return "journal"
	}
	if _, err := f.Seek(0, 0); err != nil {
		return ""
	}
	if json.NewDecoder(f).Decode(&doc) != nil {
		return ""
	}
	kind, _, _ := strings.Cut(doc.Schema, "/")
	if _, known := fileKinds[kind]; !known {
		return ""
	}
	return kind
}

// checkFileKind returns a usage error when path is a file of another kind
// than want, naming what it is and which command takes it; and when path
// does not exist (a missing argument file is a mistake on the command line).
func checkFileKind(cmd, path, want string) error {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return exitcode.Usagef(fmt.Errorf("%s: no such file; nothing changed", path))
	}
	kind := fileKind(path)
	if kind == "" || kind == want {
		return nil
	}
	if kind == "defaultsg.plan" && want == "journal" {
		return exitcode.Usagef(fmt.Errorf("%s is a plan; rollback takes the journal apply wrote next to it: defaultsg rollback %s.journal; nothing changed", path, path))
	}
	k := fileKinds[kind]
	return exitcode.Usagef(fmt.Errorf("%s is %s, which %s does not take: give it to %s; %s takes %s; nothing changed",
		path, k.what, cmd, k.takenBy, cmd, fileKinds[want].what))
}
