package awsx

import (
	"context"
	"sync"
	"testing"
	"time"
)

// TestRunGroupedKeepsEveryLimit runs a grid of account-regions whose tasks
// belong to two services and checks, at every start, the tasks in flight in
// total, per group and per service of a group; every task runs once.
func TestRunGroupedKeepsEveryLimit(t *testing.T) {
	l := Limits{Global: 12, PerGroup: 4, PerService: 2}
	svcs := []string{"ec2", "ec2", "ec2", "ec2", "ec2", "lambda", "lambda", "rds"}
	const groups = 40
	var (
		mu                sync.Mutex
		total, peakTotal  int
		perGroup          = map[int]int{}
		perSvc            = map[[2]any]int{}
		peakGroup, peakSv int
		ran               = map[[2]int]int{}
	)
	err := RunGrouped(context.Background(), l, groups, func(int) []string { return svcs }, func(_ context.Context, i, j int) error {
		k := [2]any{i, svcs[j]}
		mu.Lock()
		total++
		perGroup[i]++
		perSvc[k]++
		peakTotal, peakGroup, peakSv = max(peakTotal, total), max(peakGroup, perGroup[i]), max(peakSv, perSvc[k])
		ran[[2]int{i, j}]++
		mu.Unlock()
		time.Sleep(time.Millisecond) // let others start: the limits must hold while tasks overlap
		mu.Lock()
		total--
		perGroup[i]--
		perSvc[k]--
		mu.Unlock()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if peakTotal > l.Global || peakGroup > l.PerGroup || peakSv > l.PerService {
		t.Errorf("in flight at most: total %d (limit %d), group %d (%d), service %d (%d)",
			peakTotal, l.Global, peakGroup, l.PerGroup, peakSv, l.PerService)
	}
	if len(ran) != groups*len(svcs) {
		t.Errorf("%d tasks ran, want %d", len(ran), groups*len(svcs))
	}
	for k, n := range ran {
		if n != 1 {
			t.Errorf("task %v ran %d times", k, n)
		}
	}
}

// TestRunGroupedStopsOnCancel: a cancelled run returns the context's error
// and starts no task after it.
func TestRunGroupedStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var mu sync.Mutex
	started := 0
	err := RunGrouped(ctx, Limits{Global: 1}, 100, func(int) []string { return []string{"ec2", "ec2"} }, func(context.Context, int, int) error {
		mu.Lock()
		defer mu.Unlock()
		started++
		cancel()
		return nil
	})
	if err == nil || started != 1 {
		t.Fatalf("err %v after %d tasks, want context.Canceled after 1", err, started)
	}
}

func TestInterleaveAlternatesServices(t *testing.T) {
	got := interleave([]string{"a", "a", "a", "b", "c", "c"})
	want := []int{0, 3, 4, 1, 5, 2}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("interleave = %v, want %v", got, want)
		}
	}
}
