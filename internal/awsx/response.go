package awsx

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
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

// peekSize is how much of a body is looked at: enough for an XML prolog and
// the root element.
const peekSize = 4096

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

func xmlRoot(body []byte) string {
	dec := xml.NewDecoder(bytes.NewReader(body))
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local
		}
	}
}

// addCheckResponse registers checkResponse on every operation's stack.
func addCheckResponse(stack *middleware.Stack) error {
	return stack.Deserialize.Add(checkResponse{}, middleware.After)
}
