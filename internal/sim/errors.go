package sim

import (
	"fmt"
	"net/http"
)

// apiError is an AWS error before a protocol renders it: handlers and the
// fault layer return it, and each protocol's writer turns it into its own
// wire format, so the record and the log see the same code everywhere.
type apiError struct {
	Status  int
	Code    string
	Message string
	// Attribute is the request member at fault, for the REST-JSON services
	// whose errors carry errorAttribute (Amazon MQ).
	Attribute string
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func errf(status int, code, format string, args ...any) *apiError {
	return &apiError{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// Client-side (4xx) errors shared by several EC2 actions.
func invalidParameterValue(format string, args ...any) *apiError {
	return errf(http.StatusBadRequest, "InvalidParameterValue", format, args...)
}

func missingParameter(name string) *apiError {
	return errf(http.StatusBadRequest, "MissingParameter", "The request must contain the parameter %s", name)
}

func invalidParameterCombination(format string, args ...any) *apiError {
	return errf(http.StatusBadRequest, "InvalidParameterCombination", format, args...)
}

func notFound(code, format string, args ...any) *apiError {
	return errf(http.StatusBadRequest, code, format, args...)
}

// faultErrors are the errors the fault layer injects, in one protocol's
// dialect: EC2 throttles with RequestLimitExceeded/503, JSON services with
// ThrottlingException/400, and so on.
type faultErrors struct {
	throttle    apiError
	denied      apiError // Message is a format taking account, service, action
	internal    apiError
	unavailable apiError
	authFailure apiError // region not enabled for the account
	dryRun      apiError // zero Code: the protocol has no DryRun
	badAction   apiError // Message is a format taking the action
}

func (f faultErrors) deny(account, service, action string) *apiError {
	e := f.denied
	e.Message = fmt.Sprintf(e.Message, account, service, action)
	return &e
}

func (f faultErrors) invalidAction(action string) *apiError {
	e := f.badAction
	e.Message = fmt.Sprintf(e.Message, action)
	return &e
}

func copyErr(e apiError) *apiError { return &e }
