// Command profiled is defaultsg with pprof profiles, for finding where an
// org-scale run spends its time and memory (docs/PERFORMANCE.md). It runs the
// real command line; DSG_CPUPROFILE names the CPU profile and DSG_HEAPPROFILE
// the heap profile taken at the run's largest heap (sampled every 200 ms).
// The `sim` command is never profiled, so the benchmark's simulator can be
// the same binary:
//
//	go build -o /tmp/dsgprof ./bench/profiled
//	DSG_BIN=/tmp/dsgprof DSG_CPUPROFILE=cpu.pb.gz DSG_HEAPPROFILE=heap.pb.gz bench/org_scale.sh 100x17
package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"time"

	"github.com/defaultsg/defaultsg/internal/cli"
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
	code := cli.Main(os.Args[1:])
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
