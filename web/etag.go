package web

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
)

// cacheControl is sent with the catalog responses (sites, lines): the
// catalog is immutable for the life of the handler, but a new deployment
// may change it, so caches keep a response for five minutes and then
// revalidate it with its ETag.
const cacheControl = "public, max-age=300"

// cached is a response body with its strong validator.
type cached struct {
	body        []byte
	etag        string // quoted
	contentType string
}

func newCached(body []byte, contentType string) *cached {
	return &cached{body: body, etag: etagOf(body), contentType: contentType}
}

// etagOf returns a strong entity tag for body: the first 128 bits of its
// SHA-256, quoted.
func etagOf(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}

// noneMatch reports whether the If-None-Match header value matches etag,
// by the weak comparison RFC 9110 (section 13.1.2) prescribes for it:
// W/"x" matches "x", and "*" matches any.
func noneMatch(header, etag string) bool {
	for part := range strings.SplitSeq(header, ",") {
		t := strings.TrimSpace(part)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

// serveCached writes c with its validators, or 304 Not Modified when the
// request's If-None-Match matches.
func serveCached(w http.ResponseWriter, r *http.Request, c *cached) {
	hd := w.Header()
	hd.Set("ETag", c.etag)
	hd.Set("Cache-Control", cacheControl)
	if inm := r.Header.Get("If-None-Match"); inm != "" && noneMatch(inm, c.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hd.Set("Content-Type", c.contentType)
	hd.Set("Content-Length", strconv.Itoa(len(c.body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(c.body)
	}
}
