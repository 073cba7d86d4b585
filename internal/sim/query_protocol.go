package sim

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
)

// awsQuery is the awsQuery protocol of one service (Auto Scaling, RDS,
// ElastiCache, Redshift): form-encoded requests, results in the service's
// XML namespace.
func awsQuery(ns string) *protocol {
	return &protocol{name: "awsquery", parse: parseQuery, writeResult: writeAWSQueryResult(ns),
		writeError: writeAWSQueryError, errors: awsQueryErrors}
}

// elbVersions are the two APIs behind the signing name
// elasticloadbalancing: only the form's Version tells them apart.
var elbVersions = map[string]string{
	"2015-12-01": "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/", // ELBv2
	"2012-06-01": "http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/", // classic
}

var awsQueryELB = &protocol{
	name: "awsquery", parse: parseQuery, writeError: writeAWSQueryError, errors: awsQueryErrors,
	writeResult: func(w http.ResponseWriter, c *call, v any) {
		writeAWSQueryResult(elbVersions[c.Form.Get("Version")])(w, c, v)
	},
}

// byVersion dispatches an action of a multi-version signing name on the
// request's Version, as AWS does.
func byVersion(ops map[string]op) op {
	return func(c *call) (any, *apiError) {
		v := c.Form.Get("Version")
		if fn, ok := ops[v]; ok {
			return fn(c)
		}
		return nil, errf(http.StatusBadRequest, "NoSuchVersion", "The requested version (%s) of service %s does not exist", v, c.Service)
	}
}

// pager is one API's paging contract: the page size parameter and its
// bounds, the marker parameter, and the error code for bad values (each
// service has its own).
type pager struct {
	size, marker string
	lo, hi, def  int
	code         string
}

var (
	autoscalingPager = pager{"MaxRecords", "NextToken", 1, 100, 50, "ValidationError"}
	elbPager         = pager{"PageSize", "Marker", 1, 400, 400, "ValidationError"}
	rdsPager         = pager{"MaxRecords", "Marker", 20, 100, 100, "InvalidParameterValue"}
	cachePager       = pager{"MaxRecords", "Marker", 20, 100, 100, "InvalidParameterValue"}
	redshiftPager    = pager{"MaxRecords", "Marker", 20, 100, 100, "InvalidParameterValue"}
	// DescribeEndpointAccess documents no minimum (its model says nothing
	// of 20–100, unlike DescribeClusters): any positive size is taken.
	redshiftEndpointPager = pager{"MaxRecords", "Marker", 1, 100, 100, "InvalidParameterValue"}
	eksPager              = pager{"maxResults", "nextToken", 1, 100, 100, "InvalidParameterException"}
)

// page returns the window [from, to) of n items and the marker of the next
// page ("" on the last). The marker is opaque and names the action, so a
// marker of another API is rejected as AWS does.
func (p pager) page(c *call, get func(string) string, n int) (from, to int, next string, e *apiError) {
	size := p.def
	if v := get(p.size); v != "" {
		s, err := strconv.Atoi(v)
		if err != nil || s < p.lo || s > p.hi {
			return 0, 0, "", errf(http.StatusBadRequest, p.code, "%s must be between %d and %d, got %q", p.size, p.lo, p.hi, v)
		}
		size = s
	}
	if m := get(p.marker); m != "" {
		raw, err := base64.RawURLEncoding.DecodeString(m)
		idx, ok := strings.CutPrefix(string(raw), c.Action+":")
		i, aerr := strconv.Atoi(idx)
		if err != nil || !ok || aerr != nil || i < 0 || i > n {
			return 0, 0, "", errf(http.StatusBadRequest, p.code, "Invalid %s: %s", p.marker, m)
		}
		from = i
	}
	to = min(from+size, n)
	if to < n {
		next = base64.RawURLEncoding.EncodeToString([]byte(c.Action + ":" + strconv.Itoa(to)))
	}
	return from, to, next, nil
}

// formList reads a query-protocol list parameter (Name.member.1, ...).
func formList(c *call, name string) []string {
	var out []string
	for i := 1; ; i++ {
		v, ok := c.Form[name+".member."+strconv.Itoa(i)]
		if !ok || len(v) == 0 {
			return out
		}
		out = append(out, v[0])
	}
}

// selected filters items by the names a request lists; none listed means
// all. It also returns the first listed name that does not exist: some
// APIs ignore it (Auto Scaling), others fail with their not-found error.
func selected[T any](items []T, key func(T) string, names []string) ([]T, string) {
	if len(names) == 0 {
		return items, ""
	}
	var out []T
	missing := ""
	for _, n := range names {
		found := false
		for _, it := range items {
			if key(it) == n {
				out, found = append(out, it), true
			}
		}
		if !found && missing == "" {
			missing = n
		}
	}
	return out, missing
}
