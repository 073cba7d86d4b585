package svc

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Refresher replaces the running instances of a resource that moves with
// its parent: an Auto Scaling group keeps launching from its launch
// template, whose move makes the new instances use the replacement, but
// the running ones keep the default group until they are replaced. apply
// only offers it; it starts one when asked (apply --refresh), after the
// parent moved. Nothing undoes it: rollback says so.
type Refresher struct {
	// API names the call, for plans, reports and docs.
	API string
	// IAM lists every action Start calls.
	IAM []string
	// ARNs are the resources Start acts on, as IAM resource patterns.
	ARNs []string
	// Start begins the replacement and returns its id. A replacement
	// already in progress (a run resumed after a crash) is not an error.
	Start func(ctx context.Context, cfg aws.Config, r Resource) (string, error)
}
