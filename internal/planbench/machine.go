package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// machine is what BENCHMARKS.md says about where its figures come from.
type machine struct {
	CPU, Memory, Kernel, Go, Terraform, Date string
	Cores                                    int
}

func describeMachine(ctx context.Context, terraform string) machine {
	m := machine{
		CPU:       "unknown CPU",
		Memory:    "unknown memory",
		Cores:     runtime.NumCPU(),
		Go:        runtime.Version(),
		Terraform: "unknown",
		Date:      time.Now().UTC().Format("2006-01-02 15:04 UTC"),
	}
	if v := procField("/proc/cpuinfo", "model name"); v != "" {
		m.CPU = v
	}
	if v := procField("/proc/meminfo", "MemTotal"); v != "" {
		if kib, err := strconv.ParseInt(strings.TrimSuffix(v, " kB"), 10, 64); err == nil {
			m.Memory = fmt.Sprintf("%.1f GiB RAM", float64(kib)/(1<<20))
		}
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = "Linux " + strings.TrimSpace(string(b))
	}
	cmd := exec.CommandContext(ctx, terraform, "version", "-json")
	cmd.Env = append(cleanEnv(), "CHECKPOINT_DISABLE=1")
	if out, err := cmd.Output(); err == nil {
		var v struct {
			Version  string `json:"terraform_version"`
			Platform string `json:"platform"`
		}
		if json.Unmarshal(out, &v) == nil && v.Version != "" {
			m.Terraform = v.Version + " " + v.Platform
		}
	}
	return m
}

// procField returns the value of the first "name: value" line of a /proc file.
func procField(file, name string) string {
	f, err := os.Open(file)
	if err != nil {
		return ""
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		key, value, ok := strings.Cut(s.Text(), ":")
		if ok && strings.TrimSpace(key) == name {
			return strings.TrimSpace(value)
		}
	}
	return ""
}
