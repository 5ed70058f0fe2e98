package web

import (
	"net/http"
	"slices"
	"strings"
)

// Headers the handler lets cross-origin scripts send and read.
const (
	corsAllowMethods  = "GET, HEAD, POST, OPTIONS"
	corsAllowHeaders  = "Content-Type, If-None-Match"
	corsExposeHeaders = "ETag"
	corsMaxAge        = "600" // seconds a browser may cache a preflight
)

// allowedOrigin reports whether origin may make cross-origin requests.
func (h *handler) allowedOrigin(origin string) bool {
	if origin == "" {
		return false
	}
	return slices.ContainsFunc(h.cfg.origins, func(o string) bool {
		return o == "*" || strings.EqualFold(strings.TrimSuffix(o, "/"), origin)
	})
}

// cors applies the CORS policy. It answers preflight requests itself and
// reports whether it did; for other requests it only adds headers.
func (h *handler) cors(w http.ResponseWriter, r *http.Request) (done bool) {
	origin := r.Header.Get("Origin")
	preflight := r.Method == http.MethodOptions && origin != "" && r.Header.Get("Access-Control-Request-Method") != ""
	hd := w.Header()
	if len(h.cfg.origins) > 0 {
		// The answer depends on Origin: caches must keep one per origin.
		hd.Add("Vary", "Origin")
	}
	if !h.allowedOrigin(origin) {
		if preflight {
			writeError(w, http.StatusForbidden, codeCORSForbidden,
				"cross-origin requests from "+origin+" are not allowed")
			return true
		}
		return false
	}
	hd.Set("Access-Control-Allow-Origin", origin)
	if !preflight {
		hd.Set("Access-Control-Expose-Headers", corsExposeHeaders)
		return false
	}
	hd.Add("Vary", "Access-Control-Request-Method")
	hd.Add("Vary", "Access-Control-Request-Headers")
	hd.Set("Access-Control-Allow-Methods", corsAllowMethods)
	hd.Set("Access-Control-Allow-Headers", corsAllowHeaders)
	hd.Set("Access-Control-Max-Age", corsMaxAge)
	w.WriteHeader(http.StatusNoContent)
	return true
}
