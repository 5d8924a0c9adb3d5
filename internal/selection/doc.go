// Package selection is the local half of every imagepick data source: it filters the images an API returned in
// named stages, counts what each stage left (for "no image matched" diagnostics), sorts them deterministically and
// reads the time and end-of-life formats the APIs send.
//
// It is generic over the image type and imports nothing from Terraform, so it is tested with plain go test.
package selection
