package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// binaries are the two programs a plan needs: the real provider and the wrapper dev_overrides points at. Both are
// named terraform-provider-imagepick, in separate directories, because dev_overrides names a directory.
type binaries struct {
	provider   string // the real provider
	wrapperDir string // the directory dev_overrides points at
}

const providerBinary = "terraform-provider-imagepick"

func buildBinaries(ctx context.Context, root, work string) (binaries, error) {
	bins := binaries{
		provider:   filepath.Join(work, "provider", providerBinary),
		wrapperDir: filepath.Join(work, "wrapper"),
	}
	builds := [][2]string{
		{bins.provider, "."},
		{filepath.Join(bins.wrapperDir, providerBinary), "./internal/planbench/rsswrap"},
	}
	for _, b := range builds {
		cmd := exec.CommandContext(ctx, "go", "build", "-o", b[0], b[1])
		cmd.Dir = root
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return bins, fmt.Errorf("go build %s: %w", b[1], err)
		}
	}
	return bins, nil
}
