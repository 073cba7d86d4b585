// Package simtest starts the AWS simulator for the tests of other packages.
package simtest

import (
	"testing"

	"github.com/defaultsg/defaultsg/internal/sim"
)

// Start builds a simulator for sc (nil: sim.DefaultScenario()), starts it
// on a free loopback port and closes it when the test ends. It returns the
// server and its base URL.
func Start(t testing.TB, sc *sim.Scenario) (*sim.Server, string) {
	t.Helper()
	srv, err := sim.New(sc)
	if err != nil {
		t.Fatal(err)
	}
	url, err := srv.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv, url
}

// StartYAML parses a YAML scenario and starts it as Start does.
func StartYAML(t testing.TB, scenario string) (*sim.Server, string) {
	t.Helper()
	sc, err := sim.ParseScenario([]byte(scenario))
	if err != nil {
		t.Fatal(err)
	}
	return Start(t, sc)
}
