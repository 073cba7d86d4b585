package sim

import (
	"net/http"
	"slices"
	"strings"
)

// s3Errors are the S3 codes the simulator answers with, each listed on
// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html (S3's
// model declares few errors), plus NotFound, which the SDKs give a HEAD
// error (it has no body).
var s3Errors = []string{
	"AccessDenied", "AuthorizationHeaderMalformed", "BadDigest", "IncompleteBody", "InternalError",
	"InvalidAccessKeyId", "InvalidArgument", "NoSuchBucket", "NoSuchKey", "NotFound", "NotImplemented",
	"PreconditionFailed", "ServiceUnavailable", "SlowDown",
}

// restXMLErrorCode reads <Error><Code> as the SDKs do.
func restXMLErrorCode(_ http.Header, body []byte) string {
	root, err := parseXML(body)
	if err != nil || root == nil {
		return "<unparsable>"
	}
	for _, c := range root.Children {
		if c.Name == "Code" {
			return strings.TrimSpace(c.Text)
		}
	}
	return ""
}

// s3TransportHeaders are HTTP's own or S3's per-request headers, which are
// no member of an output shape.
var s3TransportHeaders = []string{"Date", "Content-Length", "X-Amz-Request-Id", "X-Amz-Id-2", "Content-Type"}

// checkHeaders checks a REST-XML answer whose members are headers: each
// header the simulator sends is a header member of the output shape, an
// enum value is one of the enum's, a timestamp parses as HTTP's.
func (f *fidelity) checkHeaders(name string, m *awsModel, op string, hdr http.Header) {
	out := m.Shapes[m.Operations[op].Output.Shape]
	byWire := map[string]*awsRef{}
	for _, ref := range out.Members {
		if ref.Location == "header" {
			byWire[http.CanonicalHeaderKey(ref.LocationName)] = ref
		}
	}
	for k, vs := range hdr {
		ref := byWire[k]
		if ref == nil {
			if !slices.Contains(s3TransportHeaders, k) {
				f.t.Errorf("%s: header %s is no member of %s", name, k, m.Operations[op].Output.Shape)
			}
			continue
		}
		sh := m.Shapes[ref.Shape]
		if len(sh.Enum) > 0 && !slices.Contains(sh.Enum, vs[0]) {
			f.t.Errorf("%s: header %s = %q is not one of %v", name, k, vs[0], sh.Enum)
		}
		if sh.Type == "timestamp" {
			if _, err := http.ParseTime(vs[0]); err != nil {
				f.t.Errorf("%s: header %s = %q is not an HTTP date: %v", name, k, vs[0], err)
			}
		}
		if sh.Type == "long" || sh.Type == "integer" {
			if strings.Trim(vs[0], "0123456789") != "" {
				f.t.Errorf("%s: header %s = %q is not a number", name, k, vs[0])
			}
		}
	}
}
