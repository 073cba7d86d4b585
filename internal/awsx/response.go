package awsx

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"sync/atomic"

	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// MalformedResponseError is a 2xx answer that cannot be the service's: an
// empty body to a read, an HTML page (a proxy, a captive portal), or XML
// whose root is not the operation's response. The SDK would decode such a
// body into an empty result — "nothing uses the group" — so it is an error,
// and a read that fails is unknown, never unused.
//
// A read that gets one is retried once (a cut or garbled answer on a busy
// endpoint: seen from moto under load), and a second one is final, so a
// proxy that always answers with its own page costs one extra attempt,
// never the retryer's full budget. A write is never retried on it.
type MalformedResponseError struct {
	Operation string
	Status    int
	Reason    string
	retry     bool
}

// RetryableError tells the SDK's retryer whether to try again.
func (e *MalformedResponseError) RetryableError() bool { return e.retry }

// malformedKey holds, in an operation's context, how many of its attempts
// were answered with something that was not the service's answer.
type malformedKey struct{}

func withMalformedCounter(ctx context.Context) context.Context {
	return context.WithValue(ctx, malformedKey{}, new(atomic.Int32))
}

// retryMalformed says whether this malformed answer to op may be retried:
// the first one of a read.
func retryMalformed(ctx context.Context, op string) bool {
	n, ok := ctx.Value(malformedKey{}).(*atomic.Int32)
	return ok && isRead(op) && n.Add(1) == 1
}

func (e *MalformedResponseError) Error() string {
	return fmt.Sprintf("%s answered %d with %s, not the service's answer", e.Operation, e.Status, e.Reason)
}

// peekSize is how much of a body is looked at: enough for an XML
// declaration and the root element (about 150 bytes from AWS) with room
// to spare; it was 4096, and allocating that on every call was a tenth of
// the bytes an organization run allocated.
const peekSize = 1024

// checkResponse is a deserialize-step middleware, innermost so that it sees
// the raw answer before the operation's deserializer does.
type checkResponse struct{}

func (checkResponse) ID() string { return "defaultsg.CheckResponse" }

func (checkResponse) HandleDeserialize(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (
	middleware.DeserializeOutput, middleware.Metadata, error) {
	out, md, err := next.HandleDeserialize(ctx, in)
	if err != nil {
		return out, md, err
	}
	resp, ok := out.RawResponse.(*smithyhttp.Response)
	if !ok || resp.StatusCode < 200 || resp.StatusCode > 299 || resp.Body == nil {
		return out, md, nil
	}
	query := false
	if req, ok := in.Request.(*smithyhttp.Request); ok {
		query = strings.HasPrefix(req.Header.Get("Content-Type"), "application/x-www-form-urlencoded")
	}
	op := middleware.GetOperationName(ctx)
	br := bufio.NewReaderSize(resp.Body, peekSize)
	head, _ := br.Peek(peekSize) // fewer bytes at the end of a short body
	if reason := badBody(op, query, head); reason != "" {
		resp.Body.Close()
		return out, md, &MalformedResponseError{Operation: op, Status: resp.StatusCode, Reason: reason, retry: retryMalformed(ctx, op)}
	}
	resp.Body = struct {
		io.Reader
		io.Closer
	}{br, resp.Body}
	return out, md, nil
}

// badBody says why head cannot start the answer to op, or "". Query
// protocols (EC2, Auto Scaling, ELB, RDS, STS…) always answer
// <OpResponse>; JSON protocols answer an object, and every read has a body.
// The body decides, not Content-Type: emulators label JSON text/html.
func badBody(op string, query bool, head []byte) string {
	body := bytes.TrimLeft(head, " \t\r\n\ufeff")
	switch {
	case looksHTML(body):
		return "an HTML page"
	case len(body) == 0 && (query || isRead(op)):
		return "an empty body"
	case len(body) == 0:
		return ""
	case query:
		root := xmlRoot(body)
		if root == "" {
			return "a body that is not XML"
		}
		if root != op+"Response" {
			return fmt.Sprintf("XML whose root is <%s>, not <%sResponse>", root, op)
		}
	case body[0] != '{':
		return "a body that is not a JSON object"
	}
	return ""
}

func looksHTML(body []byte) bool {
	lower := strings.ToLower(string(body[:min(len(body), 64)]))
	return strings.HasPrefix(lower, "<!doctype html") || strings.HasPrefix(lower, "<html")
}

// isRead is true for the operations a finder or inventory makes: their
// answer always has a body.
func isRead(op string) bool {
	for _, p := range []string{"Describe", "List", "Get", "BatchGet", "Search"} {
		if strings.HasPrefix(op, p) {
			return true
		}
	}
	return false
}

// xmlRoot is the local name of the first element of body, skipping the
// XML declaration, processing instructions, comments and a doctype; ""
// when body does not start like XML. It scans instead of using
// encoding/xml, whose decoder cost more per call than the rest of the
// check (it runs on every query-protocol answer).
func xmlRoot(body []byte) string {
	for {
		body = bytes.TrimLeft(body, " \t\r\n")
		if len(body) < 2 || body[0] != '<' {
			return ""
		}
		var end []byte
		switch {
		case bytes.HasPrefix(body, []byte("<?")):
			end = []byte("?>")
		case bytes.HasPrefix(body, []byte("<!--")):
			end = []byte("-->")
		case body[1] == '!':
			end = []byte(">")
		}
		if end == nil {
			break
		}
		i := bytes.Index(body, end)
		if i < 0 {
			return ""
		}
		body = body[i+len(end):]
	}
	name := body[1:]
	if i := bytes.IndexAny(name, " \t\r\n/>"); i >= 0 {
		name = name[:i]
	} else {
		return "" // the name runs past what was read
	}
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	return string(name)
}

// addCheckResponse registers checkResponse on every operation's stack.
func addCheckResponse(stack *middleware.Stack) error {
	return stack.Deserialize.Add(checkResponse{}, middleware.After)
}
