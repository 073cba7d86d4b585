package scan

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/defaultsg/defaultsg/internal/iac/cdk"
	"github.com/defaultsg/defaultsg/internal/iac/model"
	"github.com/defaultsg/defaultsg/internal/iac/rules"
)

// followMembers is the second pass over CDK app source: when a construct
// keeps the default group in a property (this.defaultSg = ...), the files
// that read that property (network.defaultSg, props.defaultSg) are parsed
// again with it as a known source. Only names that say "default" are
// followed: a property is read by name, not by type, and a generic name
// (securityGroup) read elsewhere is usually another group.
func followMembers(files []input, slots []parsed, lim model.Limits, known map[string]bool, bad *rules.Rule) {
	members := map[string]model.SourceMember{}
	for _, p := range slots {
		if p.src == nil {
			continue
		}
		for name, m := range p.src.Members {
			if strings.Contains(strings.ToLower(name), "default") {
				members[name] = m
			}
		}
	}
	if len(members) == 0 {
		return
	}
	for i, in := range files {
		if in.kind != kindSource || slots[i].err != nil || slots[i].note != nil {
			continue
		}
		data, err := readRegular(in.path, lim.MaxBytes)
		if err != nil || !mentionsAny(data, members) {
			continue
		}
		src, err := cdk.ParseFollowing(in.path, data, lim, in.cdkApp, members)
		if err != nil {
			slots[i] = parsed{err: fmt.Errorf("second pass: %w", err)}
			continue
		}
		if src == nil {
			continue
		}
		p := &slots[i]
		if p.src == nil {
			p.sups, p.problems = parseSuppressions(in.path, data, known, bad)
		}
		p.src = src
	}
}

func mentionsAny(data []byte, members map[string]model.SourceMember) bool {
	for name := range members {
		if bytes.Contains(data, []byte(name)) {
			return true
		}
	}
	return false
}

// readRegular opens and reads a regular file within max bytes.
func readRegular(path string, max int64) ([]byte, error) {
	f, info, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(f, info.Size(), max)
}
