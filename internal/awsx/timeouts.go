package awsx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sync"
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
	octx, cancel := context.WithTimeout(withMalformedCounter(ctx), m.d)
	out, md, err := next.HandleInitialize(octx, in)
	if err != nil && ctx.Err() == nil && errors.Is(octx.Err(), context.DeadlineExceeded) {
		err = &CallTimeoutError{Operation: middleware.GetOperationName(ctx), After: m.d, Err: err}
	}
	if err != nil || !deferCancelToBody(out.Result, cancel) {
		cancel()
	}
	return out, md, err
}

// deferCancelToBody hands cancel to a streamed response body (S3
// GetObject's Body), so that the deadline is released when the caller
// closes the body rather than when the operation returns. Cancelling on
// return cut off a body still being read: "context canceled" in the middle
// of reading a backup from S3 whenever its bytes had not all arrived with
// the headers. The body stays bounded by the same deadline.
func deferCancelToBody(result any, cancel context.CancelFunc) bool {
	v := reflect.ValueOf(result)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return false
	}
	i := bodyField(v.Type())
	if i < 0 {
		return false
	}
	f := v.Elem().Field(i)
	if f.IsNil() {
		return false
	}
	body := f.Interface().(io.ReadCloser)
	f.Set(reflect.ValueOf(io.ReadCloser(&cancelOnClose{ReadCloser: body, cancel: cancel})))
	return true
}

// bodyFields caches, per result type, the index of its settable
// `Body io.ReadCloser` field, or -1: the lookup runs on every call.
var bodyFields sync.Map // reflect.Type (a pointer to a struct) → int

func bodyField(t reflect.Type) int {
	if i, ok := bodyFields.Load(t); ok {
		return i.(int)
	}
	i := -1
	if t.Elem().Kind() == reflect.Struct {
		if f, ok := t.Elem().FieldByName("Body"); ok && f.IsExported() && len(f.Index) == 1 && f.Type == reflect.TypeFor[io.ReadCloser]() {
			i = f.Index[0]
		}
	}
	bodyFields.Store(t, i)
	return i
}

// cancelOnClose releases an operation's deadline when its body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}
