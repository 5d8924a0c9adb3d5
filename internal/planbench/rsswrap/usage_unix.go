//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
)

// peakRSSKiB is the child's ru_maxrss in KiB: Linux and the BSDs report KiB, macOS reports bytes.
func peakRSSKiB(state *os.ProcessState) (int64, bool) {
	usage, ok := state.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, false
	}
	peak := int64(usage.Maxrss) //nolint:unconvert // int32 on 32-bit platforms
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		peak /= 1024
	}
	return peak, true
}
