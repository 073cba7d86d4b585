package sim

import (
	"encoding/json"
	"net/http"
)

// statsPath serves Stats as JSON. It is outside any AWS API (no AWS path
// starts with "/_sim/"), read-only, and not itself recorded as a call.
const statsPath = "/_sim/stats"

// Stats summarise the call record for benchmarks: how many calls, of which
// actions, with which error codes, and how unevenly they fell on
// account-regions.
type Stats struct {
	Calls          int            `json:"calls"`
	Errors         int            `json:"errors"`    // every call answered with an error
	Throttled      int            `json:"throttled"` // throttling errors, retried by clients
	ByAction       map[string]int `json:"by_action"` // "service:Action"
	ByError        map[string]int `json:"by_error"`  // error code
	AccountRegions int            `json:"account_regions"`
	// AccountRegions and MaxCallsPerAccountRegion count regional services
	// only: global calls (STS, Organizations) all land on one home region.
	MaxCallsPerAccountRegion int `json:"max_calls_per_account_region"`
}

// throttleCodes are the throttling codes of every protocol the fault layer
// can answer with.
var throttleCodes = map[string]bool{"RequestLimitExceeded": true, "Throttling": true, "ThrottlingException": true}

// Stats summarises Calls().
func (s *Server) Stats() Stats {
	st := Stats{ByAction: map[string]int{}, ByError: map[string]int{}}
	perAR := map[stateKey]int{}
	s.calls.mu.Lock()
	defer s.calls.mu.Unlock()
	for _, c := range s.calls.calls {
		st.Calls++
		st.ByAction[c.Service+":"+c.Action]++
		if c.ErrorCode != "" {
			st.Errors++
			st.ByError[c.ErrorCode]++
			if throttleCodes[c.ErrorCode] {
				st.Throttled++
			}
		}
		if svc := lookupService(c.Service); svc == nil || !svc.regional {
			continue
		}
		k := stateKey{c.Account, c.Region}
		perAR[k]++
		st.MaxCallsPerAccountRegion = max(st.MaxCallsPerAccountRegion, perAR[k])
	}
	st.AccountRegions = len(perAR)
	return st
}

func (s *Server) serveStats(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(s.Stats())
}
