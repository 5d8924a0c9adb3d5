//go:build !unix

package main

import "os"

// peakRSSKiB has no getrusage to read outside unix, so the wrapper records nothing there; planbench itself
// refuses to run on such systems (see procgroup_other.go in the parent directory).
func peakRSSKiB(*os.ProcessState) (int64, bool) { return 0, false }
