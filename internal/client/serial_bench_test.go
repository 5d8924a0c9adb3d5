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

// BenchmarkPagingConcurrency reads one query over 20,000 images at 50 ms of latency with serial paging at
// Limit 100 (what the UCloud provider does), with bounded concurrency at that Limit, and with the client's defaults,
// so BENCHMARKS.md can compare them on the same machine. Run it with a small -benchtime (the serial case takes
// over 10 s per op):
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

	cases := []struct{ limit, concurrency int }{
		{100, 1},
		{100, client.DefaultConcurrency},
		{client.DefaultPageSize, client.DefaultConcurrency},
	}
	for _, tc := range cases {
		name := fmt.Sprintf("images=%d/latency=%s/limit=%d/concurrency=%d", images, latency, tc.limit, tc.concurrency)
		b.Run(name, func(b *testing.B) {
			emu.Reset()
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				// A new client per read: a client value answers a repeated query from its coalescing cache.
				c := client.NewUCloud(srv.URL, client.UCloudCredentials{
					PublicKey:  emulator.DefaultUCloudPublicKey,
					PrivateKey: emulator.DefaultUCloudPrivateKey,
				}, client.Options{MaxRetries: 3, PageSize: tc.limit, Concurrency: tc.concurrency})
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
