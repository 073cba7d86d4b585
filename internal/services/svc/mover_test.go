package svc

import (
	"reflect"
	"testing"
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
