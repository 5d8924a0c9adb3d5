package client

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
)

// canned is one scripted answer, including the broken ones.
type canned struct {
	status     int
	body       string
	header     map[string]string
	dropConn   bool // close the connection without answering
	cutBody    bool // declare the full length, send half, close: the client sees an unexpected EOF
	contentTyp string
}

func (c canned) write(w http.ResponseWriter) {
	if c.dropConn {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
		return
	}
	for k, v := range c.header {
		w.Header().Set(k, v)
	}
	if c.contentTyp != "" {
		w.Header().Set("Content-Type", c.contentTyp)
	}
	if c.cutBody {
		w.Header().Set("Content-Length", strconv.Itoa(len(c.body)))
		w.WriteHeader(max(c.status, http.StatusOK))
		w.Write([]byte(c.body[:len(c.body)/2]))
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
		return
	}
	if c.status != 0 {
		w.WriteHeader(c.status)
	}
	w.Write([]byte(c.body))
}

// newScriptedServer answers request i (0-based) with script[i], and the last entry once the script runs out.
func newScriptedServer(t *testing.T, script ...canned) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var count atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(count.Add(1)) - 1
		script[min(i, len(script)-1)].write(w)
	}))
	t.Cleanup(srv.Close)
	return srv, &count
}
