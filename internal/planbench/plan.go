package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// planner runs terraform plan with the benchmark's CLI configuration and a clean environment.
type planner struct {
	terraform, cliConfig string
}

// planMeasure is one timed plan with one provider.
type planMeasure struct {
	wall  time.Duration
	usage providerUsage
}

// providerUsage sums what the wrapper recorded about every provider process of one plan.
type providerUsage struct {
	cpu        time.Duration // user + system CPU of all provider processes
	peakRSSKiB int64         // the highest peak RSS of any of them; 0 if none started
	starts     int           // provider processes (Terraform starts one for the schema, then one for the plan)
}

// errPlanFailed marks a plan that Terraform rejected: the cell shows an error, the bench goes on.
var errPlanFailed = errors.New("terraform plan")

func (p planner) plan(ctx context.Context, dir, provider string) (planMeasure, error) {
	var m planMeasure
	usageFile := filepath.Join(dir, "usage.txt")
	_ = os.Remove(usageFile)

	cmd := exec.CommandContext(ctx, p.terraform, "plan", "-input=false", "-lock=false", "-refresh=true", "-no-color")
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(),
		"TF_CLI_CONFIG_FILE="+p.cliConfig,
		"TF_DATA_DIR="+filepath.Join(dir, ".terraform"),
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		"IMAGEPICK_RSSWRAP_TARGET="+provider,
		"IMAGEPICK_RSSWRAP_FILE="+usageFile,
	)
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	ownProcessGroup(cmd)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 20 * time.Second

	start := time.Now()
	err := cmd.Run()
	m.wall = time.Since(start)
	if err != nil && cmd.Process != nil {
		killProcessGroup(cmd)
	}
	if ctx.Err() != nil {
		return m, ctx.Err()
	}
	if err != nil {
		return m, fmt.Errorf("%w: %v: %s", errPlanFailed, err, terraformError(output.String()))
	}
	data, err := os.ReadFile(usageFile)
	if errors.Is(err, os.ErrNotExist) {
		return m, nil // Terraform did not start the provider
	}
	if err != nil {
		return m, err
	}
	m.usage, err = parseUsage(string(data))
	if err != nil {
		return m, fmt.Errorf("%s: %w", usageFile, err)
	}
	return m, nil
}

// parseUsage reads the wrapper's lines, "<peak RSS KiB> <user CPU ns> <system CPU ns>", one per provider process.
func parseUsage(text string) (providerUsage, error) {
	var u providerUsage
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		if line == "" {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) != 3 {
			return u, fmt.Errorf("bad line %q: want three numbers", line)
		}
		var n [3]int64
		for i, f := range fields {
			v, err := strconv.ParseInt(f, 10, 64)
			if err != nil || v < 0 {
				return u, fmt.Errorf("bad line %q: want three numbers", line)
			}
			n[i] = v
		}
		u.peakRSSKiB = max(u.peakRSSKiB, n[0])
		u.cpu += time.Duration(n[1] + n[2])
		u.starts++
	}
	return u, nil
}

// terraformError keeps what a report needs of a failed plan's output: each distinct "Error:" summary with the
// first paragraph of its detail (after the source excerpt), else the output's last line.
func terraformError(output string) string {
	lines := strings.Split(strings.TrimSpace(output), "\n")
	var kept []string
	seen := map[string]bool{}
	for i, line := range lines {
		line = trimBox(line)
		if !strings.HasPrefix(line, "Error:") {
			continue
		}
		var detail []string
		for _, next := range lines[i+1:] {
			next = trimBox(next)
			if next == "" && len(detail) > 0 || strings.HasPrefix(next, "Error:") {
				break // the end of the detail's first paragraph, or the next error
			}
			if next != "" && !sourceLine.MatchString(next) {
				detail = append(detail, next)
			}
		}
		if len(detail) > 0 {
			line += ": " + strings.Join(detail, " ")
		}
		if !seen[line] {
			seen[line] = true
			kept = append(kept, line)
		}
	}
	if len(kept) == 0 {
		return trimBox(lines[len(lines)-1])
	}
	return strings.Join(kept, "; ")
}

// sourceLine matches the source excerpt Terraform prints under an error: "with data.x.y,", "on main.tf line
// 3, in ...:", "  3: data ...", and the underline markers.
var sourceLine = regexp.MustCompile(`^(with \S+,$|on .* line \d+|\d+:|[│├└─╷╵^~ ]+$)`)

func trimBox(line string) string { return strings.TrimSpace(strings.Trim(line, "│╷╵")) }

// cleanEnv is this process's environment without settings that would change what Terraform or the provider do.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_") || strings.HasPrefix(name, "UCLOUD_") ||
			strings.HasPrefix(name, "ZENLAYERCLOUD_") || name == "CHECKPOINT_DISABLE" ||
			strings.HasPrefix(name, "IMAGEPICK_RSSWRAP_") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

func writeModule(dir, config string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600)
}
