package emulator

// faultKind is the fault chosen for one request number.
type faultKind int

const (
	faultNone faultKind = iota
	faultUnavailable
	faultThrottle
	faultTruncate
)

// choose returns the fault due for request number n (1-based). Precedence when several periods divide n:
// Unavailable (the request never reaches the API), then Throttle, then Truncate.
func (f Faults) choose(n int64) faultKind {
	switch {
	case every(f.UnavailableEvery, n):
		return faultUnavailable
	case every(f.ThrottleEvery, n):
		return faultThrottle
	case every(f.TruncateEvery, n):
		return faultTruncate
	}
	return faultNone
}

func every(period int, n int64) bool {
	return period > 0 && n%int64(period) == 0
}
