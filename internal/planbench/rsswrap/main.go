// Command rsswrap stands in for the provider binary during the plan benchmark so its peak memory can be measured:
// it runs the real provider (IMAGEPICK_RSSWRAP_TARGET) with the same arguments, environment and standard streams,
// waits for it, and appends one line "<peak RSS KiB> <user CPU ns> <system CPU ns>" about the child (getrusage of
// the waited-for process) to the file named by IMAGEPICK_RSSWRAP_FILE. go-plugin's handshake line goes over the
// inherited stdout, so Terraform does not notice the extra process.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
)

const (
	envTarget = "IMAGEPICK_RSSWRAP_TARGET"
	envFile   = "IMAGEPICK_RSSWRAP_FILE"
)

func main() {
	os.Exit(run())
}

func run() int {
	target := os.Getenv(envTarget)
	if target == "" {
		fmt.Fprintf(os.Stderr, "rsswrap: %s is not set\n", envTarget)
		return 2
	}
	cmd := exec.Command(target, os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr

	// Subscribe before starting the child so that no signal slips through between the two.
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(os.Stderr, "rsswrap: %s\n", err)
		return 1
	}
	go func() {
		for sig := range signals {
			_ = cmd.Process.Signal(sig)
		}
	}()

	err := cmd.Wait()
	signal.Stop(signals)
	record(cmd.ProcessState)

	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exitErr):
		if status, ok := exitErr.Sys().(syscall.WaitStatus); ok && status.Signaled() {
			return 128 + int(status.Signal())
		}
		return exitErr.ExitCode()
	default:
		fmt.Fprintf(os.Stderr, "rsswrap: %s\n", err)
		return 1
	}
}

// record appends "<peak RSS KiB> <user CPU ns> <system CPU ns>" to the results file; a missing file name or
// usage leaves nothing to record.
func record(state *os.ProcessState) {
	name := os.Getenv(envFile)
	if name == "" || state == nil {
		return
	}
	peakKiB, ok := peakRSSKiB(state)
	if !ok {
		return
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		fmt.Fprintf(os.Stderr, "rsswrap: %s\n", err)
		return
	}
	defer f.Close()
	// One short write per line: O_APPEND keeps concurrent provider instances from interleaving.
	_, _ = fmt.Fprintf(f, "%d %d %d\n", peakKiB, state.UserTime().Nanoseconds(), state.SystemTime().Nanoseconds())
}
