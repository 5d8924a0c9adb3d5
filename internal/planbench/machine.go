package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"regexp"
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
	m := machine{CPU: "unknown CPU", Memory: "unknown memory", Cores: runtime.NumCPU(), Go: runtime.Version(),
		Terraform: "unknown", Date: time.Now().UTC().Format("2006-01-02 15:04 UTC")}
	if v := procField("/proc/cpuinfo", "model name"); v != "" {
		m.CPU = v
	}
	if kib, err := strconv.ParseInt(strings.TrimSuffix(procField("/proc/meminfo", "MemTotal"), " kB"), 10, 64); err == nil {
		m.Memory = fmt.Sprintf("%.1f GiB RAM", float64(kib)/(1<<20))
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = "Linux " + strings.TrimSpace(string(b))
	}
	cmd := exec.CommandContext(ctx, terraform, "version", "-json")
	cmd.Env = append(cleanEnv(), "CHECKPOINT_DISABLE=1")
	var v struct {
		Version  string `json:"terraform_version"`
		Platform string `json:"platform"`
	}
	if out, err := cmd.Output(); err == nil && json.Unmarshal(out, &v) == nil && v.Version != "" {
		m.Terraform = v.Version + " " + v.Platform
	}
	return m
}

// procField returns the value of the first "name: value" line of a /proc file, or "".
func procField(file, name string) string {
	data, _ := os.ReadFile(file)
	if found := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + `\s*:\s*(.*)$`).FindSubmatch(data); found != nil {
		return strings.TrimSpace(string(found[1]))
	}
	return ""
}
