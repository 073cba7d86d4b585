// Command usagecalls measures `defaultsg usage` for one account × 17 regions
// against the in-process simulator with injected latency, and reports wall
// time and API calls per account-region by finder (docs/PERFORMANCE.md).
//
//	go run ./bench/usagecalls [-latency 80ms] [-runs 3] [-scenario file.yaml]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/cli"
	"github.com/defaultsg/defaultsg/internal/iostreams"
	"github.com/defaultsg/defaultsg/internal/services"
	"github.com/defaultsg/defaultsg/internal/sim"
)

func main() {
	latency := flag.Duration("latency", 80*time.Millisecond, "latency per call")
	runs := flag.Int("runs", 3, "runs (the median is reported)")
	scenario := flag.String("scenario", "", "scenario file (default: the standard scenario); with generate:, its first account")
	flag.Parse()
	if err := run(*latency, *runs, *scenario); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(latency time.Duration, runs int, scenario string) error {
	sc := sim.DefaultScenario()
	if scenario != "" {
		var err error
		if sc, err = sim.LoadScenario(scenario); err != nil {
			return err
		}
	}
	srv, err := sim.New(sc)
	if err != nil {
		return err
	}
	url, err := srv.Start()
	if err != nil {
		return err
	}
	defer srv.Close()
	srv.SetFaults(sim.Faults{Latency: latency})
	cfg := awsx.StaticConfig(url, "us-east-1", srv.AccessKeyFor(sc.Accounts()[0]), "bench")
	var walls []time.Duration
	for i := 0; i < runs; i++ {
		srv.ResetCalls()
		ios, _, _, _ := iostreams.Test()
		ios.Out, ios.ErrOut = io.Discard, io.Discard
		f := &cli.Factory{IO: ios, Global: &cli.GlobalOptions{}, Now: time.Now,
			AWSConfig: func(context.Context) (aws.Config, error) { return cfg, nil }}
		start := time.Now()
		code := cli.Execute(context.Background(), f, []string{"usage", "-o", "json"})
		walls = append(walls, time.Since(start))
		if code != 0 && code != 3 {
			return fmt.Errorf("usage exited %d", code)
		}
	}
	sort.Slice(walls, func(i, j int) bool { return walls[i] < walls[j] })
	calls := srv.Calls()
	regions := map[string]bool{}
	byFinder := map[string]int{}
	for _, c := range calls {
		if c.Region != "" {
			regions[c.Region] = true
		}
		byFinder[finderOf(c.Service+":"+c.Action)]++
	}
	fmt.Printf("usage, 1 account x %d regions, latency %v, %d finders: median wall %.2fs over %d runs; %d API calls in the last run\n\n",
		len(regions), latency, len(services.Finders()), walls[len(walls)/2].Seconds(), runs, len(calls))
	fmt.Println("| finder (or step) | calls | calls per account-region |")
	fmt.Println("| --- | ---: | ---: |")
	names := make([]string, 0, len(byFinder))
	for n := range byFinder {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Printf("| %s | %d | %.1f |\n", n, byFinder[n], float64(byFinder[n])/float64(max(1, len(regions))))
	}
	return nil
}

// finderOf names the finder that makes an API call; calls no finder makes
// are the shared steps (identity, regions, default-group inventory).
func finderOf(action string) string {
	var owners []string
	for _, f := range services.Finders() {
		for _, a := range f.IAM {
			if a == action {
				owners = append(owners, f.Name)
			}
		}
	}
	switch {
	case len(owners) == 0:
		return "inventory: " + action
	case len(owners) > 1:
		return strings.Join(owners, " + ") + ": " + action
	}
	return owners[0] + ": " + action
}
