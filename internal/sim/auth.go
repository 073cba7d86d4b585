package sim

import (
	"net/http"
	"strings"
)

// scope is the part of a SigV4 credential the simulator uses.
type scope struct {
	accessKey, region, service string
}

// credentialScope reads "Credential=AKID/date/region/service/aws4_request"
// from the Authorization header, or from X-Amz-Credential for presigned
// requests. Signatures are never checked: the simulator only needs to know
// who is calling and where.
func credentialScope(r *http.Request) scope {
	cred := ""
	if auth := r.Header.Get("Authorization"); auth != "" {
		for _, part := range strings.FieldsFunc(auth, func(r rune) bool { return r == ',' || r == ' ' }) {
			if v, ok := strings.CutPrefix(part, "Credential="); ok {
				cred = v
				break
			}
		}
	}
	if cred == "" {
		cred = r.URL.Query().Get("X-Amz-Credential")
	}
	f := strings.Split(cred, "/")
	if len(f) < 5 {
		return scope{accessKey: f[0]}
	}
	return scope{accessKey: f[0], region: f[2], service: f[3]}
}

// accountFor maps an access key id to its account. An unknown (or missing)
// key maps to the scenario's first account, so that tools run with any
// credentials still land somewhere predictable.
func (s *Server) accountFor(key string) string {
	if sess, ok := s.sessions.get(key); ok {
		return sess.account
	}
	if a, ok := s.keys[key]; ok {
		return a
	}
	return s.accounts[0]
}
