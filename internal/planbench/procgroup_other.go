//go:build !unix

package main

import (
	"errors"
	"os/exec"
)

// planbench measures providers with getrusage (through ./rsswrap) and stops them by process group, both of which
// only unix systems have; on the others it compiles, so that `go build ./...` passes, and refuses to run.
func checkPlatform() error {
	return errors.New("planbench runs on Linux, macOS or BSD only (it measures the provider with getrusage): run make bench there")
}

func ownProcessGroup(*exec.Cmd) {}

func killProcessGroup(*exec.Cmd) {}
