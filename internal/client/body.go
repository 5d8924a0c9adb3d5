package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"sync/atomic"
)

// maxListingBytes bounds the memory one read of a listing may hold, all its concurrent pages together: the answers
// being read and decoded, and the images kept so far. A page of 500 images is about a MiB, so only a broken or
// hostile server comes near it; whatever a server sends, the provider's heap stays within a few times this.
const maxListingBytes = 64 << 20

// bodyChunk is how much of an answer of unknown length is read, and charged to the budget, at a time.
const bodyChunk = 64 << 10

// byteBudget is the memory one listing read (or one single call) may use; safe for concurrent pages.
type byteBudget struct {
	used  atomic.Int64
	limit int64
}

func newByteBudget() *byteBudget { return &byteBudget{limit: maxListingBytes} }

// take reserves n bytes, or reserves nothing and returns false when that would exceed the limit.
func (b *byteBudget) take(n int64) bool {
	if b.used.Add(n) > b.limit {
		b.used.Add(-n)
		return false
	}
	return true
}

// give returns bytes no longer held.
func (b *byteBudget) give(n int64) { b.used.Add(-n) }

type budgetKey struct{}

// withByteBudget makes every call under ctx charge its answers to b: one listing's pages share one budget.
func withByteBudget(ctx context.Context, b *byteBudget) context.Context {
	return context.WithValue(ctx, budgetKey{}, b)
}

// budgetFrom returns the listing's budget, or a fresh one for a call made on its own.
func budgetFrom(ctx context.Context) *byteBudget {
	if b, ok := ctx.Value(budgetKey{}).(*byteBudget); ok {
		return b
	}
	return newByteBudget()
}

// errOverBudget marks an answer that did not fit in the budget; the caller turns it into a malformed answer.
var errOverBudget = errors.New("over the listing's memory budget")

// readBody reads a whole answer within budget. A known length is allocated once; an unknown one is read in
// chunks and joined, so no doubling buffer outgrows what was charged. It returns the bytes read so far with any
// error: errOverBudget, or what the connection said (a body cut short or a deadline hit while reading). A body
// returned without error stays charged until the caller gives len(body) back; after an error nothing is charged.
func readBody(r io.Reader, contentLength int64, budget *byteBudget) ([]byte, int64, error) {
	if contentLength >= 0 {
		if !budget.take(contentLength) {
			return nil, 0, errOverBudget
		}
		body := make([]byte, contentLength)
		n, err := io.ReadFull(r, body)
		if err == io.EOF && contentLength == 0 {
			err = nil
		}
		if err != nil {
			budget.give(contentLength)
		}
		return body[:n], int64(n), err
	}
	var chunks [][]byte
	var total int64
	defer func() { budget.give(int64(len(chunks)) * bodyChunk) }() // the chunks are garbage once joined
	for {
		if !budget.take(bodyChunk) {
			return nil, total, errOverBudget
		}
		chunk := make([]byte, bodyChunk)
		chunks = append(chunks, chunk)
		n, err := fill(r, chunk)
		total += int64(n)
		chunks[len(chunks)-1] = chunk[:n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, total, err
		}
	}
	if !budget.take(total) {
		return nil, total, errOverBudget
	}
	body := make([]byte, 0, total)
	for _, chunk := range chunks {
		body = append(body, chunk...)
	}
	return body, total, nil
}

// fill reads until buf is full or r fails; io.EOF means the answer ended, any other error that it broke off.
func fill(r io.Reader, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		m, err := r.Read(buf[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// bodyError says why an answer could not be read whole, naming the URL and how far it got.
func bodyError(cloud, action string, status int, u *url.URL, read int64, err error) error {
	where := redactedURL(u)
	if errors.Is(err, errOverBudget) {
		return &malformedResponseError{cloud: cloud, action: action, httpStatus: status, url: where,
			reason: fmt.Sprintf("the answer does not fit in the %d MiB one listing may hold (%d bytes of it read): "+
				"no image list is that large; check that base_url points at the API, or narrow the filters",
				maxListingBytes>>20, read)}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		// Not wrapped: the answer did start, so this is not "no answer within request_timeout".
		err = errors.New("request_timeout ran out while it was being read")
	}
	return &networkError{cloud: cloud, action: action, reading: true,
		err: fmt.Errorf("the answer from %s stopped arriving after %d bytes: %w", where, read, err)}
}

// redactedURL is scheme, host and path: a query could carry a signature.
func redactedURL(u *url.URL) string {
	if u == nil {
		return "(unknown URL)"
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
}
