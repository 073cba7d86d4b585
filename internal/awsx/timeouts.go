package awsx

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/smithy-go/middleware"
)

// Every call is bounded, so that an endpoint that never answers makes a
// cell "unknown" instead of hanging the run. One attempt may take at most
// the call timeout (--call-timeout) from dial to the last byte, within
// which connecting and the TLS handshake have their own shorter limits; a
// timed-out attempt is retried by the SDK's retryer, and the operation with
// all of its retries gives up after OperationTimeoutFactor call timeouts.
const (
	DefaultCallTimeout     = 30 * time.Second
	DialTimeout            = 10 * time.Second
	TLSHandshakeTimeout    = 10 * time.Second
	OperationTimeoutFactor = 4
)

func callTimeoutOr(d time.Duration) time.Duration {
	if d <= 0 {
		return DefaultCallTimeout
	}
	return d
}

// callGuards are the middlewares added to every operation: the overall
// deadline, the check that a 2xx body is the service's answer, and the
// call counters (callstats.go).
func callGuards(callTimeout time.Duration) []func(*middleware.Stack) error {
	d := OperationTimeoutFactor * callTimeoutOr(callTimeout)
	return []func(*middleware.Stack) error{
		func(s *middleware.Stack) error { return s.Initialize.Add(operationDeadline{d}, middleware.After) },
		addCheckResponse,
		addCallCounters,
	}
}

// CallTimeoutError is an operation that had no complete answer, with its
// retries, within its deadline.
type CallTimeoutError struct {
	Operation string
	After     time.Duration
	Err       error
}

func (e *CallTimeoutError) Error() string {
	return fmt.Sprintf("%s: no answer within %s (every attempt timed out or failed): %v", e.Operation, e.After, e.Err)
}

func (e *CallTimeoutError) Unwrap() error { return e.Err }

// operationDeadline bounds one operation, retries included. It sits in the
// initialize step, outside the retry loop.
type operationDeadline struct{ d time.Duration }

func (operationDeadline) ID() string { return "defaultsg.OperationDeadline" }

func (m operationDeadline) HandleInitialize(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (
	middleware.InitializeOutput, middleware.Metadata, error) {
	octx, cancel := context.WithTimeout(ctx, m.d)
	defer cancel()
	out, md, err := next.HandleInitialize(octx, in)
	if err != nil && ctx.Err() == nil && errors.Is(octx.Err(), context.DeadlineExceeded) {
		err = &CallTimeoutError{Operation: middleware.GetOperationName(ctx), After: m.d, Err: err}
	}
	return out, md, err
}
