package emulator

import (
	"net/http"
)

// Stats counts what the Server has seen since New or the last Reset.
type Stats struct {
	Requests          map[string]int64 `json:"requests"`           // by known action: "DescribeImage", "DescribePHostImage", "DescribeImages"
	SignatureFailures int64            `json:"signature_failures"` // UCloud 170/171/172 and every Zenlayer 401
	Faults            int64            `json:"faults"`             // injected faults served
	Total             int64            `json:"total"`              // every API request, whatever its outcome
}

// Request is one API request as the Server decoded it.
type Request struct {
	Cloud  string            // "ucloud" or "zenlayer"
	Action string            // as sent, even when unknown
	Params map[string]string // UCloud: every decoded parameter except Signature; Zenlayer: the JSON body's top-level keys, lists joined with ","
}

// Cloud names used in Request.Cloud.
const (
	cloudUCloud   = "ucloud"
	cloudZenlayer = "zenlayer"
)

func newStats() Stats { return Stats{Requests: map[string]int64{}} }

// Stats returns a snapshot of the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.stats
	out.Requests = make(map[string]int64, len(s.stats.Requests))
	for action, n := range s.stats.Requests {
		out.Requests[action] = n
	}
	return out
}

// Requests returns every API request received since New or the last Reset, in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, req := range s.requests {
		params := make(map[string]string, len(req.Params))
		for k, v := range req.Params {
			params[k] = v
		}
		out[i] = Request{Cloud: req.Cloud, Action: req.Action, Params: params}
	}
	return out
}

// Reset zeroes the counters, the request log and the fault sequence (request numbering starts again at 1), and
// undoes every Churn change.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats = newStats()
	s.requests = nil
	s.sequence = 0
	s.resetChurn()
}

// record logs a decoded request and counts it under its action when the action is one the emulator serves.
func (s *Server) record(req Request, known bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, req)
	if known {
		s.stats.Requests[req.Action]++
	}
}

func (s *Server) countSignatureFailure() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.SignatureFailures++
}

func (s *Server) countFault() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.Faults++
}

func (s *Server) serveStats(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET")
		writeReply(w, jsonReply(http.StatusMethodNotAllowed, map[string]string{"error": "use GET " + statsPath}))
		return
	}
	writeReply(w, jsonReply(http.StatusOK, s.Stats()))
}

func (s *Server) serveReset(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeReply(w, jsonReply(http.StatusMethodNotAllowed, map[string]string{"error": "use POST " + resetPath}))
		return
	}
	s.Reset()
	w.WriteHeader(http.StatusNoContent)
}
