package client

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sync"
)

// coalescer sends identical requests once per client value: callers that ask while the first one is in flight
// wait for its answer, and later callers get the answer already received. Only successes are kept; an error is
// handed to the callers that were waiting and the next caller tries again. The cache lives as long as the client
// value (one Terraform run), so it is not bounded.
type coalescer struct {
	mu    sync.Mutex
	calls map[string]*coalescedCall
}

type coalescedCall struct {
	done chan struct{}
	val  any
	err  error
	// leaderCancelled: the caller that ran the fetch lost its context; waiters with a live context fetch again.
	leaderCancelled bool
}

// do returns fetch's result for key, running fetch at most once at a time and never again after a success.
func (c *coalescer) do(ctx context.Context, key string, fetch func(context.Context) (any, error)) (any, error) {
	for {
		c.mu.Lock()
		if c.calls == nil {
			c.calls = make(map[string]*coalescedCall)
		}
		if call, ok := c.calls[key]; ok {
			c.mu.Unlock()
			select {
			case <-call.done:
			case <-ctx.Done():
				return nil, context.Cause(ctx)
			}
			if call.err != nil && call.leaderCancelled && ctx.Err() == nil {
				continue
			}
			return call.val, call.err
		}
		call := &coalescedCall{done: make(chan struct{})}
		c.calls[key] = call
		c.mu.Unlock()

		call.val, call.err = fetch(ctx)
		if call.err != nil {
			call.leaderCancelled = ctx.Err() != nil
			c.mu.Lock()
			delete(c.calls, key)
			c.mu.Unlock()
		}
		close(call.done)
		return call.val, call.err
	}
}

// coalesced is do for one result type: a key always holds what its fetch returned.
func coalesced[T any](ctx context.Context, c *coalescer, key string, fetch func(context.Context) (T, error)) (T, error) {
	v, err := c.do(ctx, key, func(ctx context.Context) (any, error) { return fetch(ctx) })
	result, _ := v.(T)
	return result, err
}

// credentialKey names a credential in a coalescing key without holding it: keys may end up in a log one day.
func credentialKey(id string) string {
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:8])
}
