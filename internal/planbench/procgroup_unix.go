//go:build unix

package main

import (
	"os/exec"
	"syscall"
)

func checkPlatform() error { return nil }

// ownProcessGroup gives Terraform its own process group, so a Ctrl-C at the terminal reaches only planbench,
// which then asks Terraform once to stop (a second SIGINT would make it exit without stopping its providers).
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// killProcessGroup ends whatever a stopped or failed Terraform left behind in its group (its providers).
func killProcessGroup(cmd *exec.Cmd) {
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
}
