package services_test

import (
	"strings"
	"testing"

	"github.com/defaultsg/defaultsg/internal/services"
	"github.com/defaultsg/defaultsg/internal/sim"
)

// Every action a finder or mover calls is served by the simulator, so no
// e2e test meets an "unknown operation" where AWS would answer (as Lambda
// ListTags and ElastiCache ListTagsForResource once did, turning every
// function and cache cluster into "owner unknown").
func TestSimulatorServesEveryCall(t *testing.T) {
	var actions []string
	for _, f := range services.Finders() {
		actions = append(actions, f.IAM...)
	}
	actions = append(actions, services.MoverIAM()...)
	for _, a := range actions {
		svc, op, ok := strings.Cut(a, ":")
		if !ok {
			t.Errorf("IAM action %q is not service:Action", a)
			continue
		}
		if !sim.Serves(svc, op) {
			t.Errorf("%s is called but the simulator does not serve it", a)
		}
	}
}
