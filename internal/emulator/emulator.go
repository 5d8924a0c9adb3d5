// Package emulator is an offline emulator of the four image APIs imagepick reads: UCloud DescribeImage and
// DescribePHostImage (at "/"), Zenlayer BMC DescribeImages (at "/api/v2/bmc") and Zenlayer ZEC DescribeImages
// (at "/api/v2/zec"). It verifies signatures with its
// own implementation (it never imports internal/client), so the client and the emulator check each other.
package emulator

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"sync"
	"time"
)

// The documentation's test credentials; New uses them when Options leaves the key maps nil.
const (
	DefaultUCloudPublicKey           = "ucloudsomeone@example.com1296235120854146120"
	DefaultUCloudPrivateKey          = "46f09bb9fab4f12dfc160dae12273d5332b5debe"
	DefaultZenlayerAccessKeyID       = "AKIDzenlayerTEST0001"
	DefaultZenlayerAccessKeyPassword = "zenlayerTESTpassword0001"
)

// defaultClockSkew is the Zenlayer timestamp window when Options.ClockSkew is 0. The real window is not
// documented; Tencent's related TC3 scheme uses 5 minutes.
const defaultClockSkew = 5 * time.Minute

// Routes served besides the APIs; they never need a signature.
const (
	statsPath = "/_emulator/stats"
	resetPath = "/_emulator/reset"
)

// Options configures a Server. The zero value serves the default catalog with the default credentials.
type Options struct {
	UCloudKeys   map[string]string // public key -> private key; nil => the default pair
	ZenlayerKeys map[string]string // access key id -> password; nil => the default pair
	Catalog      *Catalog          // nil => DefaultCatalog(); read only after New
	LimitCap     int               // silent cap on UCloud Limit; 0 => none
	ZECPageSize  int               // silent cap on ZEC pageSize, below the API's own 1000; 0 => none
	Latency      time.Duration     // added before every API answer
	Faults       Faults
	Churn        Churn         // catalog changes while clients page; zero => none (see churn.go)
	ClockSkew    time.Duration // Zenlayer timestamp window; 0 => 5 minutes; negative => not checked
	Now          func() time.Time
}

// Faults injects deterministic failures. Every API request (both clouds; /_emulator/* excluded) gets a number
// 1, 2, 3, ...; request n gets a fault when n is a multiple of the fault's period. When several periods divide n,
// only one fault is applied, in this precedence: Unavailable, then Throttle, then Truncate.
type Faults struct {
	Seed             int64 // seeds the request IDs; every fault is deterministic whatever the seed
	ThrottleEvery    int   // every Nth request (N>0): UCloud RetCode 153 (HTTP 200) / Zenlayer HTTP 429 REQUEST_LIMIT_EXCEEDED
	UnavailableEvery int   // every Nth request: HTTP 503 (UCloud: HTML body; Zenlayer: SERVICE_TEMPORARY_UNAVAILABLE envelope)
	TruncateEvery    int   // every Nth request: the answer cut off halfway (status kept, normally 200)
}

// Server is the emulator; it implements http.Handler and is safe for concurrent use.
type Server struct {
	ucloudKeys     map[string]string
	zenlayerKeys   map[string]string
	limitCap       int
	zecPageSizeCap int
	latency        time.Duration
	faults         Faults
	clockSkew      time.Duration
	now            func() time.Time

	mu       sync.Mutex
	catalog  *catalogIndex // replaced, never edited, by churn; read through currentCatalog or listingCatalog
	churn    churnState
	stats    Stats
	requests []Request
	sequence int64  // API requests since the last Reset; drives the faults
	idCount  uint64 // request IDs issued; never reset, so IDs stay unique
}

// New returns a Server configured by opts.
func New(opts Options) *Server {
	s := &Server{
		ucloudKeys:     copyKeys(opts.UCloudKeys, DefaultUCloudPublicKey, DefaultUCloudPrivateKey),
		zenlayerKeys:   copyKeys(opts.ZenlayerKeys, DefaultZenlayerAccessKeyID, DefaultZenlayerAccessKeyPassword),
		limitCap:       opts.LimitCap,
		zecPageSizeCap: opts.ZECPageSize,
		latency:        opts.Latency,
		faults:         opts.Faults,
		clockSkew:      opts.ClockSkew,
		now:            opts.Now,
	}
	catalog := opts.Catalog
	if catalog == nil {
		catalog = DefaultCatalog()
	}
	s.catalog = indexCatalog(catalog)
	s.churn = churnState{config: opts.Churn, original: s.catalog}
	if s.clockSkew == 0 {
		s.clockSkew = defaultClockSkew
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.stats = newStats()
	return s
}

func copyKeys(keys map[string]string, defaultID, defaultSecret string) map[string]string {
	if keys == nil {
		return map[string]string{defaultID: defaultSecret}
	}
	out := make(map[string]string, len(keys))
	for id, secret := range keys {
		out[id] = secret
	}
	return out
}

// reply is an answer built in memory, so that a truncation fault can cut it and latency can precede it.
type reply struct {
	status      int
	contentType string
	header      map[string]string
	body        []byte
}

func jsonReply(status int, value any) reply {
	body, err := json.Marshal(value)
	if err != nil {
		// Only our own types are marshalled; this cannot happen with them.
		body = []byte(`{"error":"internal emulator error"}`)
		status = http.StatusInternalServerError
	}
	return reply{status: status, contentType: "application/json", body: body}
}

// ServeHTTP routes to the UCloud API ("/"), the Zenlayer BMC API ("/api/v2/bmc"), the Zenlayer ZEC API
// ("/api/v2/zec") and the /_emulator endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case statsPath:
		s.serveStats(w, r)
	case resetPath:
		s.serveReset(w, r)
	case "/":
		s.serveAPI(w, r, s.handleUCloud)
	case zenlayerPath:
		s.serveAPI(w, r, s.handleZenlayer)
	case zecPath:
		s.serveAPI(w, r, s.handleZEC)
	default:
		writeReply(w, jsonReply(http.StatusNotFound, map[string]string{
			"code":    "NOT_FOUND",
			"message": fmt.Sprintf("no emulated API at path %q", r.URL.Path),
		}))
	}
}

// apiHandler answers one API request; fault is the fault chosen for its number (faultNone if none), and the
// handler reports whether it served that fault.
type apiHandler func(r *http.Request, fault faultKind, requestID string) (reply, bool)

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request, handle apiHandler) {
	fault, requestID := s.nextRequest()
	resp, served := handle(r, fault, requestID)
	if fault == faultTruncate {
		resp.body = resp.body[:len(resp.body)/2]
		served = true
	}
	if served && fault != faultNone {
		s.countFault()
	}
	if !s.wait(r.Context()) {
		return // the client is gone; nobody would read the answer
	}
	writeReply(w, resp)
}

// wait sleeps for the configured latency; false if the request's context ended first.
func (s *Server) wait(ctx context.Context) bool {
	if s.latency <= 0 {
		return ctx.Err() == nil
	}
	timer := time.NewTimer(s.latency)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}

func writeReply(w http.ResponseWriter, resp reply) {
	header := w.Header()
	keys := make([]string, 0, len(resp.header))
	for k := range resp.header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		header.Set(k, resp.header[k])
	}
	if resp.contentType != "" {
		header.Set("Content-Type", resp.contentType)
	}
	header.Set("Content-Length", fmt.Sprint(len(resp.body)))
	w.WriteHeader(resp.status)
	_, _ = w.Write(resp.body)
}

// nextRequest numbers an API request and returns the fault due for that number and a fresh request ID.
func (s *Server) nextRequest() (faultKind, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sequence++
	s.idCount++
	s.stats.Total++
	return s.faults.choose(s.sequence), requestUUID(s.faults.Seed, s.idCount)
}

// requestUUID derives a UUID-shaped ID from the seed and a counter (splitmix64), so runs are reproducible.
func requestUUID(seed int64, n uint64) string {
	a := splitmix64(uint64(seed) ^ n)
	b := splitmix64(a ^ n<<32)
	return fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x",
		uint32(a>>32), uint16(a>>16), uint16(a)&0x0fff, uint16(b>>48)&0x3fff|0x8000, b&0xffffffffffff)
}

func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}
