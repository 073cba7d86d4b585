package awsx

import (
	"context"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go/middleware"
)

// CallCounts are the AWS calls this process has made: operations, the
// attempts the retryer made for them (a retry is an attempt beyond the
// first), and the attempts that AWS throttled. They are counted by a
// middleware on every client (callGuards), process-wide like expvar,
// because every configuration — one per account, copied per region —
// shares the one retry policy they measure.
type CallCounts struct {
	Operations int64 `json:"operations"`
	Attempts   int64 `json:"attempts"`
	Retries    int64 `json:"retries"`
	Throttled  int64 `json:"throttled"`
}

var calls struct{ operations, attempts, throttled atomic.Int64 }

// Calls returns the counts so far; subtract an earlier snapshot (Sub) to
// count one phase of a run.
func Calls() CallCounts {
	c := CallCounts{Operations: calls.operations.Load(), Attempts: calls.attempts.Load(), Throttled: calls.throttled.Load()}
	c.Retries = max(0, c.Attempts-c.Operations)
	return c
}

// Sub returns c minus an earlier snapshot.
func (c CallCounts) Sub(before CallCounts) CallCounts {
	return CallCounts{Operations: c.Operations - before.Operations, Attempts: c.Attempts - before.Attempts,
		Retries: max(0, c.Retries-before.Retries), Throttled: c.Throttled - before.Throttled}
}

// countOperation sits in the initialize step: once per operation.
type countOperation struct{}

func (countOperation) ID() string { return "defaultsg.CountOperation" }

func (countOperation) HandleInitialize(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (
	middleware.InitializeOutput, middleware.Metadata, error) {
	calls.operations.Add(1)
	return next.HandleInitialize(ctx, in)
}

// countAttempt sits in the finalize step after the retryer: once per
// attempt, seeing each attempt's own error.
type countAttempt struct{}

func (countAttempt) ID() string { return "defaultsg.CountAttempt" }

var throttleCheck = retry.ThrottleErrorCode{Codes: retry.DefaultThrottleErrorCodes}

func (countAttempt) HandleFinalize(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (
	middleware.FinalizeOutput, middleware.Metadata, error) {
	calls.attempts.Add(1)
	out, md, err := next.HandleFinalize(ctx, in)
	if err != nil && throttleCheck.IsErrorThrottle(err).Bool() {
		calls.throttled.Add(1)
	}
	return out, md, err
}

func addCallCounters(s *middleware.Stack) error {
	if err := s.Initialize.Add(countOperation{}, middleware.Before); err != nil {
		return err
	}
	if _, ok := s.Finalize.Get("Retry"); ok {
		return s.Finalize.Insert(countAttempt{}, "Retry", middleware.After)
	}
	return s.Finalize.Add(countAttempt{}, middleware.After)
}
