package sim

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

// Answer is how an ActionFault answers a matching call in place of the
// simulator's handler: the hostile answers a real endpoint, proxy or
// captive portal can give that the random faults in faults.go do not.
type Answer string

const (
	// AnswerError answers with Code (and Status, default 400) in the
	// service's own error format.
	AnswerError Answer = "error"
	// AnswerEmpty answers 200 with an empty body.
	AnswerEmpty Answer = "empty"
	// AnswerHTML answers 200 with an HTML page, as a proxy or portal would.
	AnswerHTML Answer = "html"
	// AnswerBody answers 200 with Body, verbatim: a well-formed answer that
	// says less than the truth.
	AnswerBody Answer = "body"
	// AnswerStall never answers: the call hangs until the client gives up
	// or the server closes.
	AnswerStall Answer = "stall"
	// AnswerLate runs the handler (the change is made) and holds the answer
	// back for Delay: a client that gives up first cannot know it happened.
	AnswerLate Answer = "late"
)

// ActionFault matches calls by account, region, service (signing name) and
// action, each a glob where "" matches anything, and answers them itself.
type ActionFault struct {
	Account string
	Region  string
	Service string
	Action  string
	Answer  Answer
	Code    string        // AnswerError
	Status  int           // AnswerError; 0 means 400
	Delay   time.Duration // AnswerLate
	Body    string        // AnswerBody
}

func (f ActionFault) matches(c *call) bool {
	return globOrAny(f.Account, c.Account) && globOrAny(f.Region, c.Region) &&
		globOrAny(f.Service, c.Service) && globOrAny(f.Action, c.Action)
}

// actionFaults is the per-action fault layer; its zero value answers nothing.
type actionFaults struct {
	mu    sync.Mutex
	rules []ActionFault
	hits  int
}

// SetActionFaults replaces the per-action faults; none clears them. The
// first matching rule answers a call.
func (s *Server) SetActionFaults(rules ...ActionFault) {
	s.actions.mu.Lock()
	defer s.actions.mu.Unlock()
	s.actions.rules = append([]ActionFault(nil), rules...)
	s.actions.hits = 0
}

// ActionFaultHits is how many calls the per-action faults have answered
// since they were last set.
func (s *Server) ActionFaultHits() int {
	s.actions.mu.Lock()
	defer s.actions.mu.Unlock()
	return s.actions.hits
}

const htmlPage = "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><p>Please sign in to continue.</p></body></html>\n"

// serveActionFaults answers a call that a rule matches, and hands every
// other call to serve. It identifies the call the way serve does, from a
// copy of the body.
func (s *Server) serveActionFaults(w http.ResponseWriter, r *http.Request) {
	s.actions.mu.Lock()
	rules := s.actions.rules
	s.actions.mu.Unlock()
	if len(rules) == 0 {
		s.serve(w, r)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		http.Error(w, "sim: reading body: "+err.Error(), http.StatusRequestEntityTooLarge)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	c, p := s.identify(r, body)
	var rule *ActionFault
	for i := range rules {
		if rules[i].matches(c) {
			rule = &rules[i]
			break
		}
	}
	if rule == nil {
		s.serve(w, r)
		return
	}
	s.actions.mu.Lock()
	s.actions.hits++
	s.actions.mu.Unlock()
	s.logf("%s %s:%s -> action fault %s %s", c.Account, c.Service, c.Action, rule.Answer, rule.Code)
	switch rule.Answer {
	case AnswerError:
		status := rule.Status
		if status == 0 {
			status = http.StatusBadRequest
		}
		p.writeError(w, c, errf(status, rule.Code, "injected %s for %s", rule.Code, c.Action))
	case AnswerEmpty:
		w.WriteHeader(http.StatusOK)
	case AnswerHTML:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, htmlPage)
	case AnswerBody:
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, rule.Body)
	case AnswerStall:
		<-r.Context().Done()
	case AnswerLate:
		rec := httptest.NewRecorder()
		s.serve(rec, r)
		t := time.NewTimer(rule.Delay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	default:
		http.Error(w, "sim: unknown action-fault answer "+string(rule.Answer), http.StatusInternalServerError)
	}
}

// identify names the caller, region, service and action of a request, as
// serve does, and returns the protocol that answers it.
func (s *Server) identify(r *http.Request, body []byte) (*call, *protocol) {
	sc := credentialScope(r)
	c := &call{Account: s.accountFor(sc.accessKey), Region: sc.region, Service: sc.service, HTTP: r, Body: body,
		RequestID: "fault-" + s.calls.nextRequestID(), srv: s}
	if c.Service == "" {
		c.Service = serviceByVersion(queryForm(r, body))
	}
	if c.Region == "" {
		c.Region = "us-east-1"
	}
	p := ec2Query
	if svc := lookupService(c.Service); svc != nil {
		p = svc.protocol
		c.Action, c.Form, c.DryRun = p.parse(r, body)
		if svc.route != nil {
			c.Action = svc.route(r)
		}
	}
	return c, p
}
