package services_test

import (
	"strings"
	"testing"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services"
	"github.com/defaultsg/defaultsg/internal/sim"
)

// The registry is the one place services are joined: every kind a finder or
// signature reports is defined once, with a display name and a way to move
// it (a mover or a manual step), and every operation names its IAM actions.
func TestRegistryIsComplete(t *testing.T) {
	defined := map[resource.Kind]string{}
	for _, s := range services.All {
		if s.Name == "" {
			t.Errorf("a service has no IAM namespace: %+v", s)
		}
		for _, d := range s.Kinds {
			if prev, dup := defined[d.Kind]; dup {
				t.Errorf("kind %s defined by %s and %s", d.Kind, prev, s.Name)
			}
			defined[d.Kind] = s.Name
			if d.Name == "" || strings.TrimSpace(d.Name) != d.Name {
				t.Errorf("kind %s has no display name", d.Kind)
			}
			for _, k := range d.MovedWith {
				if _, ok := services.Kind(k); !ok {
					t.Errorf("kind %s moves with %q, which no service defines", d.Kind, k)
				}
			}
			if d.Mover == nil && !d.Manual.Defined() {
				t.Errorf("kind %s has neither a mover nor a manual step", d.Kind)
			}
			if rf := d.Refresh; rf != nil {
				if rf.Start == nil || !contains(rf.IAM, rf.API) || len(rf.ARNs) == 0 || len(d.MovedWith) == 0 {
					t.Errorf("refresh of %s is incomplete: it needs Start, its API among its IAM actions, ARNs, and a parent it moves with", d.Kind)
				}
			}
			if m := d.Mover; m != nil {
				if m.Targets == nil || m.Move == nil || m.Restore == nil || m.API == "" {
					t.Errorf("mover of %s is incomplete", d.Kind)
				}
				call, _, _ := strings.Cut(m.API, " ")
				if !contains(m.IAM, call) {
					t.Errorf("mover of %s calls %s but its IAM actions %v lack it", d.Kind, call, m.IAM)
				}
				if len(m.ARNs) == 0 {
					t.Errorf("mover of %s names no resource ARNs: its writes would be granted on *", d.Kind)
				}
				for _, a := range m.IAM {
					if !strings.Contains(a, ":") {
						t.Errorf("mover of %s: IAM action %q is not service:Action", d.Kind, a)
					}
				}
			}
		}
	}
	names := map[string]bool{}
	for _, f := range services.Finders() {
		if names[f.Name] {
			t.Errorf("two finders named %s", f.Name)
		}
		names[f.Name] = true
		if len(f.IAM) == 0 || f.Reads == "" || f.Service == "" || f.Find == nil {
			t.Errorf("finder %s lacks IAM actions, a description or a service", f.Name)
		}
		if len(f.Kinds) == 0 {
			t.Errorf("finder %s declares no kinds", f.Name)
		}
		for _, k := range f.Kinds {
			if _, ok := defined[k]; !ok {
				t.Errorf("finder %s reports kind %q that no service defines", f.Name, k)
			}
		}
	}
	for _, sig := range services.Signatures() {
		if _, ok := defined[sig.Kind]; !ok {
			t.Errorf("a signature reports kind %q that no service defines", sig.Kind)
		}
		for _, k := range sig.MovedWith {
			if _, ok := services.Mover(k); !ok {
				if d, _ := services.Kind(k); !d.Manual.Defined() {
					t.Errorf("signature of %s is moved with %s, which cannot be moved", sig.Kind, k)
				}
			}
		}
	}
}

// TestSimulatorServesEveryCall: every IAM action a finder or mover declares
// (service:Action) is an operation the simulator serves, so the e2e tests
// can exercise it — present, absent and denied.
func TestSimulatorServesEveryCall(t *testing.T) {
	if sim.Serves("ec2", "NoSuchAction") || !sim.Serves("ec2", "DescribeSecurityGroups") {
		t.Fatal("sim.Serves does not tell served operations from others")
	}
	check := func(who, action string) {
		ns, op, ok := strings.Cut(action, ":")
		if !ok {
			t.Errorf("%s: IAM action %q is not service:Action", who, action)
			return
		}
		if reason, ok := notSimulated[action]; ok {
			if reason == "" {
				t.Errorf("%s: %s is listed as not simulated without a reason", who, action)
			}
			return
		}
		name := ns
		if n, ok := signingName[ns]; ok {
			name = n
		}
		if !sim.Serves(name, op) {
			t.Errorf("%s calls %s, which the simulator does not serve (as %s:%s): add it to internal/sim, or to notSimulated with a reason", who, action, name, op)
		}
	}
	for _, f := range services.Finders() {
		for _, a := range f.IAM {
			check("finder "+f.Name, a)
		}
	}
	for _, s := range services.All {
		for _, d := range s.Kinds {
			if d.Mover != nil {
				for _, a := range d.Mover.IAM {
					check("mover of "+string(d.Kind), a)
				}
			}
			if d.Refresh != nil {
				for _, a := range d.Refresh.IAM {
					check("refresh of "+string(d.Kind), a)
				}
			}
		}
	}
}

// signingName maps an IAM namespace to the SigV4 signing name the
// simulator's services are keyed by, where the two differ. None does today:
// MWAA is "airflow", OpenSearch "es", MSK "kafka", EFS "elasticfilesystem"
// in both.
var signingName = map[string]string{}

// notSimulated are the calls the simulator deliberately does not serve, each
// with the reason. None today: every finder's and mover's call is served.
var notSimulated = map[string]string{}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
