package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// planner runs terraform plan with the benchmark's CLI configuration and a clean environment.
type planner struct{ terraform, cliConfig string }

// providerUsage sums what the wrapper recorded about every provider process of one plan (Terraform starts one
// for the schema, then one for the plan).
type providerUsage struct {
	cpu        time.Duration // user + system CPU of all provider processes
	peakRSSKiB int64         // the highest peak RSS of any of them; 0 if none started
}

// errPlanFailed marks a plan that Terraform rejected: the cell shows an error, the bench goes on.
var errPlanFailed = errors.New("terraform plan")

// plan runs terraform plan in dir with the given provider behind the wrapper: its wall time and the provider's usage.
func (p planner) plan(ctx context.Context, dir, provider string) (time.Duration, providerUsage, error) {
	usageFile := filepath.Join(dir, "usage.txt")
	_ = os.Remove(usageFile)
	cmd := exec.CommandContext(ctx, p.terraform, "plan", "-input=false", "-lock=false", "-refresh=true", "-no-color")
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(), "TF_CLI_CONFIG_FILE="+p.cliConfig, "TF_DATA_DIR="+filepath.Join(dir, ".terraform"),
		"TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "IMAGEPICK_RSSWRAP_TARGET="+provider, "IMAGEPICK_RSSWRAP_FILE="+usageFile)
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	ownProcessGroup(cmd)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 20 * time.Second

	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil && cmd.Process != nil {
		killProcessGroup(cmd)
	}
	switch {
	case ctx.Err() != nil:
		return wall, providerUsage{}, ctx.Err()
	case err != nil:
		return wall, providerUsage{}, fmt.Errorf("%w: %v: %s", errPlanFailed, err, terraformError(output.String()))
	}
	data, err := os.ReadFile(usageFile)
	if errors.Is(err, os.ErrNotExist) {
		return wall, providerUsage{}, nil // Terraform did not start the provider
	}
	usage, err := parseUsage(string(data))
	if err != nil {
		return wall, usage, fmt.Errorf("%s: %w", usageFile, err)
	}
	return wall, usage, nil
}

// parseUsage reads the wrapper's lines, "<peak RSS KiB> <user CPU ns> <system CPU ns>", one per provider process.
func parseUsage(text string) (providerUsage, error) {
	var u providerUsage
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		var n [3]int64
		for i, f := range fields {
			v, err := strconv.ParseInt(f, 10, 64)
			if err != nil || v < 0 || len(fields) != 3 {
				return u, fmt.Errorf("bad line %q: want three numbers", line)
			}
			n[i] = v
		}
		u.peakRSSKiB = max(u.peakRSSKiB, n[0])
		u.cpu += time.Duration(n[1] + n[2])
	}
	return u, nil
}

// terraformError keeps what a report needs of a failed plan's output: each distinct "Error:" summary, else the
// output's last line.
func terraformError(output string) string {
	var kept []string
	lines := strings.Split(strings.TrimSpace(output), "\n")
	for _, line := range lines {
		line = strings.TrimSpace(strings.Trim(line, "│╷╵"))
		if strings.HasPrefix(line, "Error:") && !slices.Contains(kept, line) {
			kept = append(kept, line)
		}
	}
	if len(kept) == 0 {
		return strings.TrimSpace(lines[len(lines)-1])
	}
	return strings.Join(kept, "; ")
}

// cleanEnv is this process's environment without settings that would change what Terraform or the provider do.
func cleanEnv() []string {
	return slices.DeleteFunc(os.Environ(), func(kv string) bool {
		for _, prefix := range []string{"TF_", "UCLOUD_", "ZENLAYERCLOUD_", "CHECKPOINT_DISABLE=", "IMAGEPICK_RSSWRAP_"} {
			if strings.HasPrefix(kv, prefix) {
				return true
			}
		}
		return false
	})
}

func writeModule(dir, config string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600)
}
