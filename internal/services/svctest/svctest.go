// Package svctest holds what the service packages' finder tests share: the
// target they look for and a compact rendering of what they found.
package svctest

import (
	"errors"
	"strings"

	"github.com/defaultsg/defaultsg/internal/usage"
)

// Target has two default groups; sg-def is the default VPC's.
var Target = usage.Target{Account: "1", Region: "r", GroupIDs: []string{"sg-def", "sg-def2"}, DefaultVPCGroup: "sg-def"}

// IDs renders usages as "group:resource:kind" in order.
func IDs(us []usage.Usage) string {
	var s []string
	for _, u := range us {
		s = append(s, u.GroupID+":"+u.ResourceID+":"+string(u.Kind))
	}
	return strings.Join(s, " ")
}

// Unexpected is what a fake returns for a call the finder should not make.
func Unexpected(what string) error { return errors.New("unexpected call: " + what) }
