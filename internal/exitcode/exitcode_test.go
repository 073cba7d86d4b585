package exitcode

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

func TestOf(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want int
	}{
		{nil, OK},
		{errors.New("boom"), Error},
		{Usagef(errors.New("bad flag")), Usage},
		{fmt.Errorf("wrapped: %w", Usagef(errors.New("x"))), Usage},
		{NewStatus(NonCompliant, "n"), NonCompliant},
		{fmt.Errorf("run: %w", context.Canceled), Cancelled},
	} {
		if got := Of(tc.err); got != tc.want {
			t.Errorf("Of(%v) = %d, want %d", tc.err, got, tc.want)
		}
	}
	if NewStatus(OK, "fine") != nil {
		t.Error("NewStatus(OK) is not nil")
	}
}

func TestMeaningsListEveryCodeOnce(t *testing.T) {
	seen := map[int]bool{}
	for _, m := range Meanings {
		if seen[m.Code] || m.Meaning == "" {
			t.Errorf("code %d listed twice or without a meaning", m.Code)
		}
		seen[m.Code] = true
	}
	for _, c := range []int{OK, Error, Usage, NonCompliant, Incomplete, Refused, Failed, Cancelled} {
		if !seen[c] {
			t.Errorf("code %d has no meaning", c)
		}
	}
}
