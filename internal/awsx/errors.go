package awsx

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go"
)

// Class is what an API error means for a read: whether the thing could be
// checked at all. No class is ever "unused": only ClassNoEndpoint can make a
// cell "skipped", and only with more evidence (see usage.Run).
type Class int

const (
	ClassNone         Class = iota // no error
	ClassRetryable                 // throttling / transient 5xx that survived the retryer
	ClassAccessDenied              // IAM, SCP, or region disabled for the caller
	ClassUnavailable               // the endpoint said "not offered" for this one call: unknown
	ClassOther                     // anything else
	ClassNoEndpoint                // the request's own host does not exist (DNS NXDOMAIN)
)

func (c Class) String() string {
	switch c {
	case ClassNone:
		return "ok"
	case ClassRetryable:
		return "retryable"
	case ClassAccessDenied:
		return "access-denied"
	case ClassUnavailable:
		return "unavailable"
	case ClassNoEndpoint:
		return "no-endpoint"
	default:
		return "error"
	}
}

// Error codes by class. The lists are the one place where skip-vs-fail is
// decided; add codes here, never in callers.
var (
	accessDeniedCodes = map[string]bool{
		"AccessDenied": true, "AccessDeniedException": true, "UnauthorizedOperation": true,
		"UnauthorizedAccess": true, "AuthFailure": true, "UnrecognizedClientException": true,
		"InvalidClientTokenId": true, "OptInRequired": true, "SignatureDoesNotMatch": true,
		"ExpiredToken": true, "ExpiredTokenException": true, "Blocked": true,
		// S3 answers a denied HEAD with 403 and no body: the SDK names it
		// by its status.
		"Forbidden": true,
	}
	// "Not offered" codes answer one call. A service that answers at all
	// is offered, so these never mean "skipped": the call is unknown.
	unavailableCodes = map[string]bool{
		"UnsupportedOperation": true, "InvalidAction": true, "UnknownOperationException": true,
		"UnsupportedOperationException": true, "NotImplemented": true,
		"SubscriptionRequiredException": true,
	}
	retryableCodes = map[string]bool{
		"RequestLimitExceeded": true, "Throttling": true, "ThrottlingException": true,
		"TooManyRequestsException": true, "RequestThrottled": true, "SlowDown": true,
		"ServiceUnavailable": true, "InternalError": true, "InternalFailure": true,
		"Unavailable": true, "ServiceUnavailableException": true,
	}
)

// Classify maps an error from an AWS call to its Class.
func Classify(err error) Class {
	if err == nil {
		return ClassNone
	}
	var maxErr *retry.MaxAttemptsError
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		code := apiErr.ErrorCode()
		switch {
		case accessDeniedCodes[code]:
			return ClassAccessDenied
		case unavailableCodes[code]:
			return ClassUnavailable
		case retryableCodes[code]:
			return ClassRetryable
		}
		if strings.HasSuffix(code, "AccessDenied") || strings.HasSuffix(code, "AccessDeniedException") {
			return ClassAccessDenied
		}
		return ClassOther
	}
	if errors.As(err, &maxErr) {
		return ClassRetryable
	}
	if _, ok := NoSuchHost(err); ok {
		return ClassNoEndpoint
	}
	return ClassOther
}

// NoSuchHost returns the host when err is an authoritative "no such host"
// (NXDOMAIN) for the request's own URL host: the endpoint does not exist.
// A resolver that times out or fails (SERVFAIL), or a proxy's name that
// does not resolve, is not that.
func NoSuchHost(err error) (string, bool) {
	var dnsErr *net.DNSError
	var urlErr *url.Error
	if !errors.As(err, &dnsErr) || !dnsErr.IsNotFound || dnsErr.IsTimeout || dnsErr.IsTemporary || !errors.As(err, &urlErr) {
		return "", false
	}
	u, perr := url.Parse(urlErr.URL)
	if perr != nil || !strings.EqualFold(strings.TrimSuffix(u.Hostname(), "."), strings.TrimSuffix(dnsErr.Name, ".")) {
		return "", false
	}
	return dnsErr.Name, true
}

// ErrorCode returns the AWS error code of err, or "".
func ErrorCode(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorCode()
	}
	return ""
}

// OpError says where an AWS error happened: every error shown to a user names
// account, region and operation.
type OpError struct {
	Account   string
	Region    string
	Operation string
	Err       error
}

func (e *OpError) Error() string {
	acct := e.Account
	if acct == "" {
		acct = "?"
	}
	return fmt.Sprintf("account %s, region %s, %s: %s", acct, e.Region, e.Operation, short(e.Err))
}

func (e *OpError) Unwrap() error { return e.Err }

// Class classifies the wrapped error.
func (e *OpError) Class() Class { return Classify(e.Err) }

// Wrap returns nil for a nil err, an *OpError otherwise. Context cancellation
// is returned unwrapped so callers can stop promptly.
func Wrap(account, region, op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	return &OpError{Account: account, Region: region, Operation: op, Err: err}
}

// short prefers the AWS code and message over the SDK's long operation chain.
func short(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		msg := apiErr.ErrorMessage()
		if msg == "" {
			return apiErr.ErrorCode()
		}
		return apiErr.ErrorCode() + ": " + msg
	}
	return err.Error()
}
