package sim

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// decodeJSON reads a JSON request body into v; an empty body is {}.
func decodeJSON(c *call, v any) *apiError {
	if len(bytes.TrimSpace(c.Body)) == 0 {
		return nil
	}
	if err := json.Unmarshal(c.Body, v); err != nil {
		return errf(http.StatusBadRequest, "SerializationException", "cannot parse request body: %v", err)
	}
	return nil
}

// jsonPage is the paging of the JSON services' List actions: max items
// from the position a token names. Tokens are opaque and bound to the
// action, as AWS's are; the lists never change, so a position is stable.
type jsonPage struct {
	def, limit int                    // default and largest page size
	invalid    func(string) *apiError // the service's error for a bad token or size
	action     string                 // binds tokens to one action
	max        int                    // requested size, 0 = default
	token      string                 // requested token
}

// pageSlice returns the page of items and the next token ("" at the end).
func pageSlice[T any](p jsonPage, items []T) ([]T, string, *apiError) {
	size := p.def
	if p.max != 0 {
		if p.max < 1 || p.max > p.limit {
			return nil, "", p.invalid("page size " + strconv.Itoa(p.max) + " is not between 1 and " + strconv.Itoa(p.limit))
		}
		size = p.max
	}
	start := 0
	if p.token != "" {
		raw, err := base64.RawURLEncoding.DecodeString(p.token)
		rest, ok := strings.CutPrefix(string(raw), p.action+":")
		n, nerr := strconv.Atoi(rest)
		if err != nil || !ok || nerr != nil || n < 0 || n > len(items) {
			return nil, "", p.invalid("invalid pagination token")
		}
		start = n
	}
	end := min(start+size, len(items))
	next := ""
	if end < len(items) {
		next = base64.RawURLEncoding.EncodeToString([]byte(p.action + ":" + strconv.Itoa(end)))
	}
	return items[start:end], next, nil
}

// badRequest makes a service's 400 validation error constructor.
func badRequest(code string) func(string) *apiError {
	return func(msg string) *apiError { return errf(http.StatusBadRequest, code, "%s", msg) }
}

// nonNil makes JSON write [] rather than null for an empty list.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// tagMap is the JSON form of tags used by the REST-JSON services.
func tagMap(tags []Tag) map[string]string {
	m := map[string]string{}
	for _, t := range tags {
		m[t.Key] = t.Value
	}
	return m
}

// withNext adds the next-page token under key unless this is the last page:
// AWS omits the member rather than sending null.
func withNext(m map[string]any, key, next string) map[string]any {
	if next != "" {
		m[key] = next
	}
	return m
}

// nonNilMap makes an absent map an empty one, so JSON shows {} not null.
func nonNilMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}
