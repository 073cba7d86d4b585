package sim

import (
	"encoding/json"
	"net/http"
	"slices"
	"sort"
)

// Regional availability. AWS runs some services only in some regions; where
// it does not, the service's regional endpoint host does not exist and a
// client's DNS lookup of it answers NXDOMAIN — no request is ever made, and
// that is the only evidence the product takes for "not offered"
// (docs/RELIABILITY.md). A simulator cannot answer its clients' DNS, so it
// says "not offered" the one way that keeps that evidence real:
// GET /_sim/endpoints lists, per service and region, whether an endpoint
// exists; a client of the simulator (bench/profiled) sends the requests of
// a pair that has none to that service's AWS-shaped host under .invalid
// (RFC 6761: every resolver answers NXDOMAIN), so its own resolver fails
// the lookup exactly as it would for AWS. A request that reaches the
// simulator anyway for such a pair is refused with an error (so a cell is
// never "skipped" or "unused" on the simulator's word).
//
// Generated organizations follow this table unless
// generate.all_services_everywhere is set; written scenarios offer every
// service everywhere.

// notOfferedIn lists, by signing name, the standard regions (regions.go)
// where AWS does not offer a service that a finder reads. Only entries
// checked against AWS's own endpoint list are here (docs/PERFORMANCE.md,
// "Regional availability"):
//   - apprunner: AWS General Reference, "AWS App Runner endpoints and
//     quotas" (docs.aws.amazon.com/general/latest/gr/apprunner.html), read
//     2026-11-30: no endpoint in us-west-1, ap-northeast-2, ap-northeast-3,
//     ca-central-1.
var notOfferedIn = map[string][]string{
	"apprunner": {"us-west-1", "ap-northeast-2", "ap-northeast-3", "ca-central-1"},
}

// serviceIDs are the SDK service ids (what a client's endpoint resolver is
// asked for) of the signing names above.
var serviceIDs = map[string]string{"apprunner": "AppRunner"}

// offered reports whether the scenario's AWS offers service in region.
func (sc *Scenario) offered(service, region string) bool {
	if g := sc.Generate; g == nil || g.AllServicesEverywhere {
		return true
	}
	return !slices.Contains(notOfferedIn[service], region)
}

// NotOffered is one service with the regions of the scenario where it has
// no endpoint.
type NotOffered struct {
	SigningName string   `json:"signing_name"`
	ServiceID   string   `json:"service_id"`
	Regions     []string `json:"regions"`
}

// Endpoints is GET /_sim/endpoints.
type Endpoints struct {
	NotOffered []NotOffered `json:"not_offered"`
}

const endpointsPath = "/_sim/endpoints"

// Endpoints lists the services the scenario does not offer in some of its
// regions.
func (s *Server) Endpoints() Endpoints {
	e := Endpoints{NotOffered: []NotOffered{}}
	names := make([]string, 0, len(notOfferedIn))
	for n := range notOfferedIn {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		var regions []string
		for _, r := range s.sc.regionNames() {
			if !s.sc.offered(n, r) {
				regions = append(regions, r)
			}
		}
		if len(regions) > 0 {
			e.NotOffered = append(e.NotOffered, NotOffered{SigningName: n, ServiceID: serviceIDs[n], Regions: regions})
		}
	}
	return e
}

func (s *Server) serveEndpoints(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(s.Endpoints())
}

// regionNames is every region some account of the scenario has, sorted.
func (sc *Scenario) regionNames() []string {
	seen := map[string]bool{}
	for _, r := range sc.Regions {
		seen[r.Name] = true
	}
	for _, a := range sc.AccountSpecs {
		for _, r := range a.Regions {
			seen[r.Name] = true
		}
	}
	if g := sc.Generate; g != nil {
		for _, r := range g.Regions {
			seen[r.Name] = true
		}
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
