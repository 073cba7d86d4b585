// Command profiled is defaultsg as a client of the simulator would be a
// client of AWS, with pprof profiles, for the org-scale benchmark
// (docs/PERFORMANCE.md). It runs the real command line with two additions:
//
//   - Regional availability: with --endpoint-url, it reads the simulator's
//     GET /_sim/endpoints and sends the requests of a service in a region
//     where the simulated AWS does not offer it to that service's host
//     under .invalid, so the lookup fails with NXDOMAIN in this process's
//     own resolver, as it does for AWS (sim/availability.go). Everything
//     else goes to the endpoint URL as usual.
//   - Profiles: DSG_CPUPROFILE names the CPU profile and DSG_HEAPPROFILE the
//     heap profile taken at the run's largest heap (sampled every 200 ms),
//     each suffixed with the command.
//
// The `sim` command runs unchanged, so the benchmark's simulator can be
// the same binary:
//
//	go build -o /tmp/dsgprof ./bench/profiled
//	DSG_BIN=/tmp/dsgprof DSG_CPUPROFILE=cpu.pb.gz DSG_HEAPPROFILE=heap.pb.gz bench/org_scale.sh 100x17
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/defaultsg/defaultsg/internal/cli"
	"github.com/defaultsg/defaultsg/internal/iostreams"
	"github.com/defaultsg/defaultsg/internal/sim"
)

func main() {
	if slices.Contains(os.Args[1:], "sim") {
		os.Exit(cli.Main(os.Args[1:]))
	}
	// Each command of a benchmark run gets its own files.
	suffix := "." + commandOf(os.Args[1:])
	if p := os.Getenv("DSG_CPUPROFILE"); p != "" {
		f, err := os.Create(p + suffix)
		if err == nil && pprof.StartCPUProfile(f) == nil {
			defer f.Close()
			defer pprof.StopCPUProfile()
		}
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		if p := os.Getenv("DSG_HEAPPROFILE"); p != "" {
			peakHeap(p+suffix, stop)
		}
	}()
	code := run(os.Args[1:])
	close(stop)
	<-done
	pprof.StopCPUProfile()
	os.Exit(code)
}

func commandOf(args []string) string {
	for _, a := range args {
		switch a {
		case "usage", "audit", "close", "plan", "verify":
			return a
		}
	}
	return "run"
}

// peakHeap writes a heap profile whenever the heap in use is larger than
// at any earlier sample.
func peakHeap(path string, stop <-chan struct{}) {
	var peak uint64
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > peak {
			peak = ms.HeapInuse
			if f, err := os.Create(path); err == nil {
				_ = pprof.WriteHeapProfile(f)
				f.Close()
			}
		}
		select {
		case <-stop:
			return
		case <-tick.C:
		}
	}
}

// run is cli.Main with the simulator's regional availability applied to
// the AWS configuration.
func run(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	f := cli.NewFactory(iostreams.System())
	load := f.AWSConfig
	f.AWSConfig = func(ctx context.Context) (aws.Config, error) {
		cfg, err := load(ctx)
		if err != nil || f.Global.EndpointURL == "" {
			return cfg, err
		}
		notOffered, err := readEndpoints(ctx, f.Global.EndpointURL)
		if err != nil {
			return cfg, err
		}
		cfg.EndpointResolverWithOptions = aws.EndpointResolverWithOptionsFunc(
			func(service, region string, _ ...any) (aws.Endpoint, error) {
				if s, ok := notOffered[service]; ok && slices.Contains(s.Regions, region) {
					return aws.Endpoint{URL: "http://" + s.SigningName + "." + region + ".amazonaws.com.invalid", Source: aws.EndpointSourceCustom}, nil
				}
				return aws.Endpoint{URL: f.Global.EndpointURL, Source: aws.EndpointSourceCustom}, nil
			})
		return cfg, nil
	}
	return cli.Execute(ctx, f, args)
}

func readEndpoints(ctx context.Context, base string) (map[string]sim.NotOffered, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(base, "/")+"/_sim/endpoints", nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("reading the simulator's endpoints: %w", err)
	}
	defer resp.Body.Close()
	var e sim.Endpoints
	if err := json.NewDecoder(resp.Body).Decode(&e); err != nil {
		return nil, fmt.Errorf("reading the simulator's endpoints: %w", err)
	}
	out := map[string]sim.NotOffered{}
	for _, n := range e.NotOffered {
		out[n.ServiceID] = n
	}
	return out, nil
}
