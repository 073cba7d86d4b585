package svc

import (
	"context"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
)

func TestSwapKeepsOtherGroupsAndOrder(t *testing.T) {
	for _, c := range []struct {
		in, want []string
		ok       bool
	}{
		{[]string{"sg-a", "sg-def", "sg-b"}, []string{"sg-a", "sg-new", "sg-b"}, true},
		{[]string{"sg-def", "sg-new"}, []string{"sg-new"}, true}, // never twice
		{[]string{"sg-a"}, []string{"sg-a"}, false},
		{nil, nil, false},
	} {
		got, ok := Swap(c.in, "sg-def", "sg-new")
		if ok != c.ok || !reflect.DeepEqual(got, c.want) {
			t.Errorf("Swap(%v) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// A target recorded empty (it names no group, so it runs in the VPC's
// default group) gets the replacement alone; rollback sets it empty again.
func TestFillOrSwapWithFillsAnEmptyList(t *testing.T) {
	var got [][]string
	set := func(_ context.Context, _ aws.Config, _ Resource, _ Target, groups []string) error {
		got = append(got, groups)
		return nil
	}
	move := FillOrSwapWith(set)
	for _, tg := range []Target{{Groups: []string{}}, {Groups: []string{"sg-web", "sg-def"}}, {Groups: []string{"sg-web"}}} {
		if err := move(context.Background(), aws.Config{}, Resource{}, tg, "sg-def", "sg-new"); err != nil {
			t.Fatal(err)
		}
	}
	if want := [][]string{{"sg-new"}, {"sg-web", "sg-new"}}; !reflect.DeepEqual(got, want) {
		t.Fatalf("set %v, want %v", got, want)
	}
}
