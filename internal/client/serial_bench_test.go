package client_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// BenchmarkPagingConcurrency reads one query over 20,000 images at 50 ms of latency with serial paging
// (Concurrency 1, what the UCloud provider does) and with the default bounded concurrency, so BENCHMARKS.md can
// compare the two on the same machine. Run it with a small -benchtime (the serial case takes over 10 s per op):
//
//	go test -run '^$' -bench BenchmarkPagingConcurrency -benchtime 1x ./internal/client
func BenchmarkPagingConcurrency(b *testing.B) {
	const images, latency = 20000, 50 * time.Millisecond
	emu := emulator.New(emulator.Options{
		Latency: latency,
		Catalog: emulator.GenerateCatalog(images, "cn-bj2", "cn-bj2-02", 1),
	})
	srv := httptest.NewServer(emu)
	b.Cleanup(srv.Close)

	for _, concurrency := range []int{1, 10} {
		name := fmt.Sprintf("images=%d/latency=%s/concurrency=%d", images, latency, concurrency)
		b.Run(name, func(b *testing.B) {
			emu.Reset()
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				// A new client per read: a client value answers a repeated query from its coalescing cache.
				c := client.NewUCloud(srv.URL, client.UCloudCredentials{
					PublicKey:  emulator.DefaultUCloudPublicKey,
					PrivateKey: emulator.DefaultUCloudPrivateKey,
				}, client.Options{MaxRetries: 3, Concurrency: concurrency})
				got, err := c.ListUHostImages(context.Background(), client.DescribeImageRequest{Region: "cn-bj2", Zone: "cn-bj2-02"})
				if err != nil {
					b.Fatal(err)
				}
				if len(got) != images {
					b.Fatalf("got %d images, want %d", len(got), images)
				}
			}
			b.ReportMetric(float64(emu.Stats().Total)/float64(b.N), "requests/op")
		})
	}
}
