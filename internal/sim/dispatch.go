package sim

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"time"
)

// maxBody bounds a request body; real EC2 requests are far smaller.
const maxBody = 8 << 20

// call is one request as the handlers see it.
type call struct {
	Account, Region, Service, Action string
	DryRun                           bool
	Form                             url.Values // query protocols
	Body                             []byte     // JSON protocols
	HTTP                             *http.Request
	RequestID                        string
	state                            *regionState // nil for global services
	srv                              *Server
}

// serve is the one pipeline every request goes through: identify the
// caller, record the call, apply faults and deny rules, answer DryRun,
// then run the handler.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	started := time.Now()
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		http.Error(w, "sim: reading body: "+err.Error(), http.StatusRequestEntityTooLarge)
		return
	}
	scope := credentialScope(r)
	c := &call{
		Account:   s.accountFor(scope.accessKey),
		Region:    scope.region,
		Service:   scope.service,
		HTTP:      r,
		Body:      body,
		RequestID: s.calls.nextRequestID(),
		srv:       s,
	}
	if c.Service == "" {
		c.Service = serviceByVersion(queryForm(r, body))
	}
	if c.Region == "" {
		c.Region = "us-east-1"
	}
	svc := lookupService(c.Service)
	p := ec2Query // the dialect for requests no service claims
	if svc != nil {
		p = svc.protocol
		c.Action, c.Form, c.DryRun = p.parse(r, body)
		if svc.route != nil {
			c.Action = svc.route(r)
		}
	}
	idx := s.calls.begin(Call{Account: c.Account, Region: c.Region, Service: c.Service,
		Action: c.Action, DryRun: c.DryRun, Mutating: isMutating(c.Action)})

	status, code := http.StatusOK, ""
	result, apiErr := s.handle(r.Context(), c, svc)
	if apiErr != nil {
		status, code = apiErr.Status, apiErr.Code
	}
	// Record and log before answering: a client that has its answer must
	// find its call complete in Calls().
	s.calls.finish(idx, code, status)
	s.logf("%s %s %s %s:%s dryrun=%t -> %d %s (%s)", c.RequestID, c.Account, c.Region,
		c.Service, c.Action, c.DryRun, status, code, time.Since(started).Round(time.Microsecond))
	if apiErr != nil {
		p.writeError(w, c, apiErr)
	} else {
		p.writeResult(w, c, result)
	}
}

func (s *Server) handle(ctx context.Context, c *call, svc *service) (any, *apiError) {
	if svc == nil {
		return nil, errf(http.StatusBadRequest, "UnknownService",
			"The simulator does not serve service %q (signing name from the Authorization header)", c.Service)
	}
	pe := svc.protocol.errors
	if c.Action == "" {
		return nil, errf(http.StatusBadRequest, "MissingAction", "The request must contain the parameter Action")
	}
	handler, ok := svc.ops[c.Action]
	if !ok {
		return nil, pe.invalidAction(c.Action)
	}
	if svc.regional && !s.sc.offered(c.Service, c.Region) {
		// Only a client that ignored /_sim/endpoints gets here: AWS has no
		// such host to send this request to.
		return nil, errf(http.StatusNotFound, "EndpointNotOffered",
			"The simulated AWS has no %s endpoint in %s (see GET %s); a client of AWS would get NXDOMAIN", c.Service, c.Region, endpointsPath)
	}
	if svc.regional {
		c.state = s.states[stateKey{c.Account, c.Region}]
		if c.state == nil {
			return nil, copyErr(pe.authFailure)
		}
	}
	if e := s.faults.apply(ctx, c, pe); e != nil {
		return nil, e
	}
	if c.DryRun && pe.dryRun.Code != "" {
		return nil, copyErr(pe.dryRun)
	}
	return handler(c)
}
