// Package transfer is everything defaultsg knows about AWS Transfer Family: servers with a VPC endpoint, which fall back to the default group.
// No finder reads it yet: usage lists its create call with the fallbacks.
package transfer

import "github.com/defaultsg/defaultsg/internal/services/svc"

// Service lists the default-group fallback of transfer.
var Service = svc.Service{Name: "transfer", Fallbacks: []string{"transfer:CreateServer (VPC endpoint)"}}
