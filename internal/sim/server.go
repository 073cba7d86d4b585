// Package sim is an AWS-compatible HTTP server for tests: a loopback
// endpoint that the unmodified aws-sdk-go-v2 and the AWS CLI talk to through
// an endpoint URL. It keeps per account-region state of EC2 and of every
// service in the services table (services.go; one file per service) built
// from a YAML scenario, answers in each service's wire protocol, injects faults
// (latency, throttling, 5xx, access denied) in one layer in front of every
// handler, and records every call so tests can assert, for example, that a
// read-only command made no mutating call.
//
// It is an independent implementation of AWS's wire contract and must
// never import the product's packages: agreeing with the product by
// construction would make it no test.
//
// It never verifies signatures: the access key id in the SigV4 credential
// scope only selects the account.
package sim

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

// Server is one simulated AWS endpoint. Its zero value is not usable: build
// it with New.
type Server struct {
	sc       *Scenario
	accounts []string          // scenario order; the first is the fallback
	keys     map[string]string // access key id -> account
	states   map[stateKey]*regionState
	regions  map[string][]RegionSpec // account -> all regions it knows

	log   io.Writer
	logMu sync.Mutex
	now   func() time.Time

	faults *faultLayer
	calls  callLog

	actions actionFaults // per-action answers (faults_actions.go)

	aggQueries aggQueries // advanced-query results between pages (config_aggregator.go)

	org      *orgModel    // nil without an organization
	sessions sessionStore // credentials issued by sts:AssumeRole

	mu   sync.Mutex // guards srv and url
	srv  *http.Server
	url  string
	done chan struct{}
}

// Option configures a Server.
type Option func(*Server)

// WithLogger writes one line per request to w.
func WithLogger(w io.Writer) Option { return func(s *Server) { s.log = w } }

// WithClock replaces time.Now, which drives token buckets and timestamps.
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// New builds the simulated state of sc. A nil scenario means
// DefaultScenario().
func New(sc *Scenario, opts ...Option) (*Server, error) {
	if sc == nil {
		sc = DefaultScenario()
	}
	if err := sc.validate(); err != nil {
		return nil, err
	}
	sc.expand()
	s := &Server{sc: sc, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	if err := s.build(); err != nil {
		return nil, err
	}
	s.faults = newFaultLayer(sc.Faults, s.now)
	return s, nil
}

// Start listens on a free loopback port and returns the base URL.
func (s *Server) Start() (string, error) { return s.StartOn("127.0.0.1:0") }

// StartOn listens on addr, which must be a loopback address, so that a test
// can never expose the simulator (or be mistaken for real AWS) on a network.
func (s *Server) StartOn(addr string) (string, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("sim: listen address %q: %w", addr, err)
	}
	if !isLoopbackHost(host) {
		return "", fmt.Errorf("sim: refusing to listen on %q: only loopback addresses (127.0.0.0/8, ::1, localhost) are allowed", addr)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.srv != nil {
		return "", errors.New("sim: server already started")
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("sim: %w", err)
	}
	tcp, ok := l.Addr().(*net.TCPAddr)
	if !ok || !tcp.IP.IsLoopback() {
		l.Close()
		return "", fmt.Errorf("sim: %q resolved to non-loopback %v", addr, l.Addr())
	}
	s.srv = &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	s.url = "http://" + tcp.String()
	s.done = make(chan struct{})
	go func() {
		defer close(s.done)
		_ = s.srv.Serve(l)
	}()
	return s.url, nil
}

func isLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Handler serves the simulator's protocol, for use with httptest or an own
// listener, plus the read-only GET /_sim/stats (stats.go) and GET
// /_sim/endpoints (availability.go).
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == statsPath && r.Method == http.MethodGet {
			s.serveStats(w, r)
			return
		}
		if r.URL.Path == endpointsPath && r.Method == http.MethodGet {
			s.serveEndpoints(w, r)
			return
		}
		s.serveActionFaults(w, r)
	})
}

// URL is the base URL returned by Start, or "" before it.
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.url
}

// Close stops the listener and in-flight requests. Closing a server that
// was never started is a no-op.
func (s *Server) Close() error {
	s.mu.Lock()
	srv, done := s.srv, s.done
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	err := srv.Close()
	<-done
	return err
}

// SetFaults replaces the fault settings; token buckets and the random
// sequence restart from the new settings.
func (s *Server) SetFaults(f Faults) { s.faults.set(f) }

// AccessKeyFor is the access key id that selects account.
func (s *Server) AccessKeyFor(account string) string {
	for _, a := range s.sc.AccountSpecs {
		if a.ID == account {
			return a.accessKey()
		}
	}
	return ""
}

func (s *Server) logf(format string, args ...any) {
	if s.log == nil {
		return
	}
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.log, format+"\n", args...)
}
