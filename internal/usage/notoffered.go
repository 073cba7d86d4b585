package usage

import (
	"errors"
	"fmt"

	"github.com/aws/smithy-go"

	"github.com/defaultsg/defaultsg/internal/awsx"
)

// A service is "not offered" in a region — the one reason a cell is skipped
// rather than unknown — only on this evidence: the finder's call failed
// because its own endpoint host does not exist (DNS NXDOMAIN, as AWS has no
// regional endpoint for a service it does not run there), the service is not
// EC2, and EC2 in the same account-region answered a finder in this run, so
// the resolver works. An error code ("UnsupportedOperation", …) answers one
// call of a service that exists, and a resolver that fails or times out
// proves nothing: both stay unknown.

func noEndpoint(f Finder, err error) bool {
	// The failed call itself must not be EC2's: a finder of another service
	// also reads EC2 (subnets, launch templates).
	var op *smithy.OperationError
	return f.Service != "ec2" && awsx.Classify(err) == awsx.ClassNoEndpoint &&
		errors.As(err, &op) && op.ServiceID != "EC2"
}

// confirmNotOffered keeps a tentative skip only where an EC2 cell of the
// same account-region was checked, and records the evidence; any other
// tentative skip becomes unknown (or accepted).
func confirmNotOffered(g *grid, accepted map[string]bool) {
	for k, c := range g.gaps {
		if c.Status != StatusSkipped {
			continue
		}
		if g.ec2Answered[k/len(g.finders)] {
			c.Error = fmt.Sprintf("service not offered in %s: its endpoint %s does not exist (DNS: no such host) while EC2 answered there",
				c.Region, c.host)
		} else {
			c.Status = StatusUnknown
			if accepted[c.Finder] {
				c.Status = StatusAccepted
			}
			c.Error += " (no such host, but EC2 did not answer in this region either: the resolver cannot be trusted)"
		}
		g.gaps[k] = c
	}
}
