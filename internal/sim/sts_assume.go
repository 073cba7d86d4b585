package sim

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"sync"
	"time"
)

// session is one set of credentials issued by AssumeRole: its access key id
// selects the target account in every later call.
type session struct {
	account, role, name string
}

// sessionStore is written by AssumeRole while every request reads it (to
// map its access key), hence its own lock rather than the scenario's keys.
type sessionStore struct {
	mu    sync.RWMutex
	byKey map[string]session
	n     int
}

func (st *sessionStore) issue(s session) string {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.byKey == nil {
		st.byKey = map[string]session{}
	}
	st.n++
	key := fmt.Sprintf("ASIASIM%013d", st.n) // ASIA: temporary credentials, as AWS marks them
	st.byKey[key] = s
	return key
}

func (st *sessionStore) get(key string) (session, bool) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	s, ok := st.byKey[key]
	return s, ok
}

var (
	roleARNPattern     = regexp.MustCompile(`^arn:aws[a-z-]*:iam::([0-9]{12}):role/(?:[\w+=,.@-]+/)*([\w+=,.@-]{1,64})$`)
	sessionNamePattern = regexp.MustCompile(`^[\w+=,.@-]{2,64}$`)
)

// assumeRole issues credentials for the role's account. The role exists in
// every scenario account whatever its name; a scenario denies it with
// `assumable: false` (or a suspended account), and `external_id` makes the
// ExternalId required, as a role's trust policy would.
func assumeRole(c *call) (any, *apiError) {
	arn, name := c.Form.Get("RoleArn"), c.Form.Get("RoleSessionName")
	m := roleARNPattern.FindStringSubmatch(arn)
	if m == nil {
		return nil, errf(http.StatusBadRequest, "ValidationError", "%q is not a valid role ARN", arn)
	}
	if !sessionNamePattern.MatchString(name) {
		return nil, errf(http.StatusBadRequest, "ValidationError", "1 validation error detected: Value '%s' at 'roleSessionName' failed to satisfy constraint", name)
	}
	duration := 3600
	if d := c.Form.Get("DurationSeconds"); d != "" {
		v, err := strconv.Atoi(d)
		if err != nil || v < 900 || v > 43200 {
			return nil, errf(http.StatusBadRequest, "ValidationError", "DurationSeconds %q must be 900..43200", d)
		}
		duration = v
	}
	target, role := m[1], m[2]
	denied := errf(http.StatusForbidden, "AccessDenied",
		"User: arn:aws:iam::%s:user/sim is not authorized to perform: sts:AssumeRole on resource: %s", c.Account, arn)
	spec, ok := c.srv.accountSpec(target)
	if !ok || !c.srv.sc.assumable(spec) {
		return nil, denied
	}
	if spec.ExternalID != "" && c.Form.Get("ExternalId") != spec.ExternalID {
		return nil, denied
	}
	key := c.srv.sessions.issue(session{account: target, role: role, name: name})
	type credentials struct {
		AccessKeyID     string `xml:"AccessKeyId"`
		SecretAccessKey string `xml:"SecretAccessKey"`
		SessionToken    string `xml:"SessionToken"`
		Expiration      string `xml:"Expiration"`
	}
	return struct {
		Credentials     credentials `xml:"Credentials"`
		AssumedRoleUser struct {
			AssumedRoleID string `xml:"AssumedRoleId"`
			Arn           string `xml:"Arn"`
		} `xml:"AssumedRoleUser"`
	}{
		Credentials: credentials{AccessKeyID: key, SecretAccessKey: "sim-secret-" + key, SessionToken: "sim-token-" + key,
			Expiration: c.srv.now().Add(time.Duration(duration) * time.Second).UTC().Format(time.RFC3339)},
		AssumedRoleUser: struct {
			AssumedRoleID string `xml:"AssumedRoleId"`
			Arn           string `xml:"Arn"`
		}{AssumedRoleID: roleID(target, role) + ":" + name, Arn: assumedRoleARN(target, role, name)},
	}, nil
}

func roleID(account, role string) string { return "AROASIM" + orgIDPart("role/"+account+"/"+role, 14) }

func assumedRoleARN(account, role, name string) string {
	return "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + name
}

func (s *Server) accountSpec(id string) (AccountSpec, bool) {
	for _, a := range s.sc.AccountSpecs {
		if a.ID == id {
			return a, true
		}
	}
	return AccountSpec{}, false
}
