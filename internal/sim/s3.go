package sim

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"hash/crc32"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Amazon S3 (REST-XML, signing name s3), path-style only
// (http://endpoint/BUCKET/KEY): PutObject, with the If-None-Match: *
// conditional write; GetObject; HeadObject. Enough for a backup that
// must never be overwritten and must be read back before anything changes.
//
// Buckets are declared per account-region (s3_buckets) and are global by
// name, as on AWS: a request signed by another account is AccessDenied, one
// signed for another region AuthorizationHeaderMalformed with the bucket's
// region, as S3 answers a SigV4 request scoped to the wrong region.

var s3Ops = map[string]op{
	"PutObject":  putObject,
	"GetObject":  getObject,
	"HeadObject": headObject,
}

// s3Route names the object operation of a path-style request; a request
// without a key is a bucket operation, which the simulator does not serve.
func s3Route(r *http.Request) string {
	bucket, key := s3Path(r)
	if bucket == "" || key == "" {
		return "Unsupported" + r.Method // answered NotImplemented
	}
	switch r.Method {
	case http.MethodPut:
		if r.Header.Get("X-Amz-Copy-Source") != "" || r.URL.Query().Has("partNumber") {
			return "UnsupportedPUT"
		}
		return "PutObject"
	case http.MethodGet:
		return "GetObject"
	case http.MethodHead:
		return "HeadObject"
	}
	return "Unsupported" + r.Method
}

// s3Path splits a path-style request path into bucket and key, unescaped.
func s3Path(r *http.Request) (bucket, key string) {
	p := strings.TrimPrefix(r.URL.Path, "/")
	bucket, key, _ = strings.Cut(p, "/")
	return bucket, key
}

var restXML = &protocol{
	name: "rest-xml",
	parse: func(*http.Request, []byte) (string, url.Values, bool) {
		return "", nil, false
	},
	writeResult: writeS3Result,
	writeError:  writeS3Error,
	errors: faultErrors{
		throttle:    apiError{Status: http.StatusServiceUnavailable, Code: "SlowDown", Message: "Please reduce your request rate."},
		denied:      apiError{Status: http.StatusForbidden, Code: "AccessDenied", Message: "User: arn:aws:iam::%s:user/sim is not authorized to perform: %s:%s because no identity-based policy allows the action"},
		internal:    apiError{Status: http.StatusInternalServerError, Code: "InternalError", Message: "We encountered an internal error. Please try again."},
		unavailable: apiError{Status: http.StatusServiceUnavailable, Code: "ServiceUnavailable", Message: "Service is unable to handle request."},
		authFailure: apiError{Status: http.StatusForbidden, Code: "InvalidAccessKeyId", Message: "The AWS Access Key Id you provided does not exist in our records."},
		// S3's own answer to a request it does not support: code
		// NotImplemented, 501, with this message (S3's "Error responses"
		// list in the API reference); an unknown call here is one.
		badAction: apiError{Status: http.StatusNotImplemented, Code: "NotImplemented", Message: "A header or request you provided implies functionality that is not implemented (%s)"},
	},
}

// s3Reply is a REST-XML answer whose members are headers and, for
// GetObject, a raw body.
type s3Reply struct {
	header http.Header
	body   []byte
}

func writeS3Result(w http.ResponseWriter, c *call, v any) {
	rep, _ := v.(*s3Reply)
	if rep == nil {
		rep = &s3Reply{}
	}
	for k, vs := range rep.header {
		w.Header()[k] = vs
	}
	w.Header().Set("X-Amz-Request-Id", c.RequestID)
	w.Header().Set("X-Amz-Id-2", c.RequestID)
	if c.HTTP.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(rep.body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(rep.body)
}

// writeS3Error writes S3's <Error> document (no body for HEAD, as S3).
// Attribute carries the error's one extra element (BucketName, Key,
// Region, Condition) as "Name=value".
func writeS3Error(w http.ResponseWriter, c *call, e *apiError) {
	w.Header().Set("X-Amz-Request-Id", c.RequestID)
	w.Header().Set("X-Amz-Id-2", c.RequestID)
	extraName, extraValue, _ := strings.Cut(e.Attribute, "=")
	if extraName == "Region" {
		w.Header().Set("X-Amz-Bucket-Region", extraValue)
	}
	if c.HTTP.Method == http.MethodHead {
		w.WriteHeader(e.Status)
		return
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	start := xml.StartElement{Name: xml.Name{Local: "Error"}}
	_ = enc.EncodeToken(start)
	el := func(name, v string) { _ = enc.EncodeElement(v, xml.StartElement{Name: xml.Name{Local: name}}) }
	el("Code", e.Code)
	el("Message", e.Message)
	if extraName != "" {
		el(extraName, extraValue)
	}
	el("RequestId", c.RequestID)
	el("HostId", c.RequestID)
	_ = enc.EncodeToken(start.End())
	_ = enc.Flush()
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(e.Status)
	_, _ = w.Write(buf.Bytes())
}

func s3Err(status int, code, message, attribute string) *apiError {
	return &apiError{Status: status, Code: code, Message: message, Attribute: attribute}
}

// s3Bucket is one bucket: its objects by key, guarded by the owning
// region's mu.
type s3Bucket struct {
	name       string
	encryption string // default encryption: AES256 or aws:kms
	kmsKey     string // the default key when encryption is aws:kms
	objects    map[string]*s3Object
}

type s3Object struct {
	body         []byte
	etag         string
	lastModified time.Time
	sse, kmsKey  string
	contentType  string
	crc32        string // as sent in x-amz-checksum-crc32, when it was
}

// s3Specs are S3's part of a region's scenario.
type s3Specs struct {
	S3Buckets []S3BucketSpec `yaml:"s3_buckets"`
}

// S3BucketSpec is one bucket: a name, and optionally its default
// encryption (AES256, the default, or aws:kms with kms_key_id).
type S3BucketSpec struct {
	Name       string `yaml:"name"`
	Encryption string `yaml:"encryption"`
	KMSKeyID   string `yaml:"kms_key_id"`
}

// s3State is S3's part of a regionState.
type s3State struct {
	s3Buckets map[string]*s3Bucket
}

func (b *builder) addS3Buckets() error {
	for i, spec := range b.res.S3Buckets {
		at := path{"s3_buckets", i}
		if !validBucketName(spec.Name) {
			return b.errAt(at, "bucket name %q: 3-63 lower-case letters, digits, dots and hyphens", spec.Name)
		}
		enc := spec.Encryption
		switch enc {
		case "":
			enc = "AES256"
		case "AES256", "aws:kms":
		default:
			return b.errAt(at, "encryption %q: want AES256 or aws:kms", spec.Encryption)
		}
		if b.st.s3Buckets == nil {
			b.st.s3Buckets = map[string]*s3Bucket{}
		}
		if b.st.s3Buckets[spec.Name] != nil {
			return b.errAt(at, "bucket %q declared twice", spec.Name)
		}
		b.st.s3Buckets[spec.Name] = &s3Bucket{name: spec.Name, encryption: enc, kmsKey: spec.KMSKeyID, objects: map[string]*s3Object{}}
	}
	return nil
}

// checkBucketNames refuses a bucket name declared in two account-regions:
// S3's namespace is global.
func (s *Server) checkBucketNames() error {
	where := map[string]stateKey{}
	for k, st := range s.states {
		for name := range st.s3Buckets {
			if other, ok := where[name]; ok {
				return fmt.Errorf("scenario: s3 bucket %q is declared in %s/%s and %s/%s; bucket names are global",
					name, other.account, other.region, k.account, k.region)
			}
			where[name] = k
		}
	}
	return nil
}

func validBucketName(n string) bool {
	if len(n) < 3 || len(n) > 63 || strings.HasPrefix(n, "_") {
		return false
	}
	for _, r := range n {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-') {
			return false
		}
	}
	return true
}

// S3Objects returns a copy of a bucket's objects, body by key (nil when no
// account-region declares the bucket): for tests to see what was written.
func (s *Server) S3Objects(bucket string) map[string][]byte {
	for _, st := range s.states {
		st.mu.Lock()
		b := st.s3Buckets[bucket]
		if b == nil {
			st.mu.Unlock()
			continue
		}
		out := make(map[string][]byte, len(b.objects))
		for k, o := range b.objects {
			out[k] = bytes.Clone(o.body)
		}
		st.mu.Unlock()
		return out
	}
	return nil
}

// bucketFor finds the bucket of a request and locks its region; the
// caller must call the returned unlock. Bucket names are global.
func (c *call) bucketFor(name string) (*s3Bucket, func(), *apiError) {
	for k, st := range c.srv.states {
		if st.s3Buckets[name] == nil {
			continue
		}
		switch {
		case k.account != c.Account:
			return nil, nil, s3Err(http.StatusForbidden, "AccessDenied", "Access Denied", "")
		case k.region != c.Region:
			return nil, nil, s3Err(http.StatusBadRequest, "AuthorizationHeaderMalformed",
				"The authorization header is malformed; the region '"+c.Region+"' is wrong; expecting '"+k.region+"'", "Region="+k.region)
		}
		st.mu.Lock()
		return st.s3Buckets[name], st.mu.Unlock, nil
	}
	return nil, nil, s3Err(http.StatusNotFound, "NoSuchBucket", "The specified bucket does not exist", "BucketName="+name)
}

func putObject(c *call) (any, *apiError) {
	name, key := s3Path(c.HTTP)
	h := c.HTTP.Header
	inm := h.Get("If-None-Match")
	if inm != "" && inm != "*" {
		// PutObject's If-None-Match takes only "*" (API reference); S3
		// answers any other value with its 501 NotImplemented error.
		return nil, s3Err(http.StatusNotImplemented, "NotImplemented", "A header you provided implies functionality that is not implemented", "Header=If-None-Match")
	}
	body, e := s3Body(c)
	if e != nil {
		return nil, e
	}
	sse, kms := h.Get("X-Amz-Server-Side-Encryption"), h.Get("X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id")
	switch sse {
	case "", "AES256", "aws:kms":
	default:
		return nil, s3Err(http.StatusBadRequest, "InvalidArgument", "The encryption method specified is not supported", "ArgumentName=x-amz-server-side-encryption")
	}
	if kms != "" && sse != "aws:kms" {
		return nil, s3Err(http.StatusBadRequest, "InvalidArgument", "Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms", "ArgumentName=x-amz-server-side-encryption")
	}
	b, unlock, e := c.bucketFor(name)
	if e != nil {
		return nil, e
	}
	defer unlock()
	if inm == "*" && b.objects[key] != nil {
		return nil, s3Err(http.StatusPreconditionFailed, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold", "Condition=If-None-Match")
	}
	if sse == "" {
		sse, kms = b.encryption, b.kmsKey
	}
	if sse == "aws:kms" && kms == "" {
		kms = "arn:aws:kms:" + c.Region + ":" + c.Account + ":alias/aws/s3"
	}
	sum := md5.Sum(body)
	o := &s3Object{body: body, etag: `"` + hex.EncodeToString(sum[:]) + `"`, lastModified: c.srv.now().UTC().Truncate(time.Second),
		sse: sse, kmsKey: kms, contentType: h.Get("Content-Type"), crc32: h.Get("X-Amz-Checksum-Crc32")}
	if o.contentType == "" {
		o.contentType = "binary/octet-stream"
	}
	b.objects[key] = o
	out := http.Header{}
	out.Set("ETag", o.etag)
	setSSE(out, o)
	if o.crc32 != "" {
		out.Set("X-Amz-Checksum-Crc32", o.crc32)
		out.Set("X-Amz-Checksum-Type", "FULL_OBJECT")
	}
	return &s3Reply{header: out}, nil
}

func getObject(c *call) (any, *apiError) { return readObject(c, true) }

func headObject(c *call) (any, *apiError) { return readObject(c, false) }

func readObject(c *call, withBody bool) (any, *apiError) {
	name, key := s3Path(c.HTTP)
	b, unlock, e := c.bucketFor(name)
	if e != nil {
		return nil, e
	}
	defer unlock()
	o := b.objects[key]
	if o == nil {
		if !withBody {
			return nil, s3Err(http.StatusNotFound, "NotFound", "Not Found", "")
		}
		return nil, s3Err(http.StatusNotFound, "NoSuchKey", "The specified key does not exist.", "Key="+key)
	}
	out := http.Header{}
	out.Set("ETag", o.etag)
	out.Set("Last-Modified", o.lastModified.Format(http.TimeFormat))
	out.Set("Content-Type", o.contentType)
	out.Set("Accept-Ranges", "bytes")
	setSSE(out, o)
	if !withBody {
		out.Set("Content-Length", strconv.Itoa(len(o.body)))
		return &s3Reply{header: out}, nil
	}
	return &s3Reply{header: out, body: o.body}, nil
}

func setSSE(h http.Header, o *s3Object) {
	h.Set("X-Amz-Server-Side-Encryption", o.sse)
	if o.sse == "aws:kms" {
		h.Set("X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id", o.kmsKey)
	}
}

// s3Body is the object's bytes: aws-chunked bodies are decoded, and a
// Content-MD5 or x-amz-checksum-crc32 that does not match is BadDigest, as
// S3 refuses a corrupted upload.
func s3Body(c *call) ([]byte, *apiError) {
	h := c.HTTP.Header
	body := c.Body
	if strings.Contains(h.Get("Content-Encoding"), "aws-chunked") || strings.HasPrefix(h.Get("X-Amz-Content-Sha256"), "STREAMING-") {
		var trailers http.Header
		var ok bool
		body, trailers, ok = decodeAWSChunked(c.Body)
		if !ok {
			return nil, s3Err(http.StatusBadRequest, "IncompleteBody", "The request body terminated unexpectedly", "")
		}
		for k, v := range trailers {
			h[k] = v
		}
	}
	if want := h.Get("Content-Md5"); want != "" {
		sum := md5.Sum(body)
		if base64.StdEncoding.EncodeToString(sum[:]) != want {
			return nil, s3Err(http.StatusBadRequest, "BadDigest", "The Content-MD5 you specified did not match what we received.", "")
		}
	}
	if want := h.Get("X-Amz-Checksum-Crc32"); want != "" {
		var sum [4]byte
		binary.BigEndian.PutUint32(sum[:], crc32.ChecksumIEEE(body))
		if base64.StdEncoding.EncodeToString(sum[:]) != want {
			return nil, s3Err(http.StatusBadRequest, "BadDigest", "The CRC32 you specified did not match the calculated checksum.", "")
		}
	}
	return body, nil
}

// decodeAWSChunked reads "SIZE[;chunk-signature=…]\r\nDATA\r\n" chunks up
// to the zero-size one, then trailer lines up to an empty line.
func decodeAWSChunked(b []byte) ([]byte, http.Header, bool) {
	var out []byte
	for {
		line, rest, ok := bytes.Cut(b, []byte("\r\n"))
		if !ok {
			return nil, nil, false
		}
		sizeHex, _, _ := bytes.Cut(line, []byte(";"))
		n, err := strconv.ParseInt(string(sizeHex), 16, 32)
		if err != nil || n < 0 || int(n)+2 > len(rest) && n > 0 {
			return nil, nil, false
		}
		if n == 0 {
			b = rest
			break
		}
		out = append(out, rest[:n]...)
		b = bytes.TrimPrefix(rest[n:], []byte("\r\n"))
	}
	trailers := http.Header{}
	for len(b) > 0 {
		line, rest, _ := bytes.Cut(b, []byte("\r\n"))
		b = rest
		if len(line) == 0 {
			break
		}
		k, v, ok := bytes.Cut(line, []byte(":"))
		if ok {
			trailers.Set(string(bytes.TrimSpace(k)), string(bytes.TrimSpace(v)))
		}
	}
	return out, trailers, true
}
