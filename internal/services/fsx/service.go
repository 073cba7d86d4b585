// Package fsx is everything defaultsg knows about Amazon FSx: file systems, which fall back to the default group.
// No finder reads it yet: usage lists its create call with the fallbacks.
package fsx

import "github.com/defaultsg/defaultsg/internal/services/svc"

// Service lists the default-group fallback of fsx.
var Service = svc.Service{Name: "fsx", Fallbacks: []string{"fsx:CreateFileSystem (ONTAP)"}}
