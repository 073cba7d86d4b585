package sim

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// protocol is one AWS wire protocol: how the action and parameters are read
// from a request, how results and errors are written, and which error codes
// the fault layer uses. A service picks one in services.go.
type protocol struct {
	name        string
	parse       func(r *http.Request, body []byte) (action string, form url.Values, dryRun bool)
	writeResult func(w http.ResponseWriter, c *call, v any)
	writeError  func(w http.ResponseWriter, c *call, e *apiError)
	errors      faultErrors
}

const ec2Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/"

// queryForm merges URL query and form body, as AWS accepts both for the
// query protocols (the SDK and CLI POST a form body).
func queryForm(r *http.Request, body []byte) url.Values {
	form := r.URL.Query()
	if b, err := url.ParseQuery(string(body)); err == nil {
		for k, v := range b {
			form[k] = append(form[k], v...)
		}
	}
	return form
}

func parseQuery(r *http.Request, body []byte) (string, url.Values, bool) {
	form := queryForm(r, body)
	return form.Get("Action"), form, strings.EqualFold(form.Get("DryRun"), "true")
}

// parseJSON11 reads the action from X-Amz-Target ("Prefix_20150331.Action").
func parseJSON11(r *http.Request, _ []byte) (string, url.Values, bool) {
	t := r.Header.Get("X-Amz-Target")
	return t[strings.LastIndex(t, ".")+1:], nil, false
}

// ec2Meta is embedded first in every EC2 result so that requestId comes
// first inside <ActionResponse>, as EC2 writes it.
type ec2Meta struct {
	RequestID string `xml:"requestId"`
}

func (m *ec2Meta) setRequestID(id string) { m.RequestID = id }

type requestIDSetter interface{ setRequestID(string) }

func writeEC2Result(w http.ResponseWriter, c *call, v any) {
	if m, ok := v.(requestIDSetter); ok {
		m.setRequestID(c.RequestID)
	}
	start := xml.StartElement{
		Name: xml.Name{Local: c.Action + "Response"},
		Attr: []xml.Attr{{Name: xml.Name{Local: "xmlns"}, Value: ec2Namespace}},
	}
	writeXML(w, http.StatusOK, func(enc *xml.Encoder) error { return enc.EncodeElement(v, start) })
}

func writeEC2Error(w http.ResponseWriter, c *call, e *apiError) {
	type errXML struct {
		XMLName   xml.Name `xml:"Response"`
		Code      string   `xml:"Errors>Error>Code"`
		Message   string   `xml:"Errors>Error>Message"`
		RequestID string   `xml:"RequestID"`
	}
	writeXML(w, e.Status, func(enc *xml.Encoder) error {
		return enc.Encode(errXML{Code: e.Code, Message: e.Message, RequestID: c.RequestID})
	})
}

// writeAWSQueryResult writes the awsQuery envelope (STS, IAM, ...):
// <ActionResponse xmlns><ActionResult>v</ActionResult><ResponseMetadata/>.
func writeAWSQueryResult(ns string) func(http.ResponseWriter, *call, any) {
	return func(w http.ResponseWriter, c *call, v any) {
		writeXML(w, http.StatusOK, func(enc *xml.Encoder) error {
			start := xml.StartElement{Name: xml.Name{Local: c.Action + "Response"},
				Attr: []xml.Attr{{Name: xml.Name{Local: "xmlns"}, Value: ns}}}
			if err := enc.EncodeToken(start); err != nil {
				return err
			}
			if err := enc.EncodeElement(v, xml.StartElement{Name: xml.Name{Local: c.Action + "Result"}}); err != nil {
				return err
			}
			meta := struct {
				RequestID string `xml:"RequestId"`
			}{c.RequestID}
			if err := enc.EncodeElement(meta, xml.StartElement{Name: xml.Name{Local: "ResponseMetadata"}}); err != nil {
				return err
			}
			return enc.EncodeToken(start.End())
		})
	}
}

func writeAWSQueryError(w http.ResponseWriter, c *call, e *apiError) {
	typ := "Sender"
	if e.Status >= 500 {
		typ = "Receiver"
	}
	type errXML struct {
		XMLName   xml.Name `xml:"ErrorResponse"`
		Type      string   `xml:"Error>Type"`
		Code      string   `xml:"Error>Code"`
		Message   string   `xml:"Error>Message"`
		RequestID string   `xml:"RequestId"`
	}
	writeXML(w, e.Status, func(enc *xml.Encoder) error {
		return enc.Encode(errXML{Type: typ, Code: e.Code, Message: e.Message, RequestID: c.RequestID})
	})
}

func writeXML(w http.ResponseWriter, status int, encode func(*xml.Encoder) error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	err := encode(enc)
	if err == nil {
		err = enc.Flush() // EncodeToken buffers: without this the last end tag is lost
	}
	if err != nil {
		http.Error(w, "sim: encoding response: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	w.WriteHeader(status)
	_, _ = io.Copy(w, &buf)
}

// writeJSONResult serves both JSON protocols: the body is the result.
func writeJSONResult(contentType string) func(http.ResponseWriter, *call, any) {
	return func(w http.ResponseWriter, c *call, v any) {
		b, err := json.Marshal(v)
		if err != nil {
			http.Error(w, "sim: encoding response: "+err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("X-Amzn-RequestId", c.RequestID)
		_, _ = w.Write(b)
	}
}

// writeJSON11Error is the awsJson1_1 error: {"__type","message"} plus the
// X-Amzn-ErrorType header the SDKs read first.
func writeJSON11Error(w http.ResponseWriter, c *call, e *apiError) {
	writeJSONError(w, c, e, "application/x-amz-json-1.1")
}

// writeRESTJSONError is the restJson1 error; same shape, different type.
func writeRESTJSONError(w http.ResponseWriter, c *call, e *apiError) {
	writeJSONError(w, c, e, "application/json")
}

func writeJSONError(w http.ResponseWriter, c *call, e *apiError, contentType string) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("X-Amzn-RequestId", c.RequestID)
	w.Header().Set("X-Amzn-ErrorType", e.Code)
	w.WriteHeader(e.Status)
	body := map[string]string{"__type": e.Code, "message": e.Message}
	if e.Attribute != "" {
		body["errorAttribute"] = e.Attribute
	}
	_ = json.NewEncoder(w).Encode(body)
}
