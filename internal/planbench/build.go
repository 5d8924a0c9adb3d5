package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// providerBinary is the name dev_overrides looks for in the directory it names.
const providerBinary = "terraform-provider-imagepick"

// buildWrapper builds ./rsswrap as work/wrapper/terraform-provider-imagepick: the directory dev_overrides points
// at. The wrapper runs whichever provider IMAGEPICK_RSSWRAP_TARGET names, so one wrapper serves every provider.
func buildWrapper(ctx context.Context, root, work string) (string, error) {
	dir := filepath.Join(work, "wrapper")
	return dir, goBuild(ctx, root, filepath.Join(dir, providerBinary), "./internal/planbench/rsswrap")
}

// buildProvider builds the provider of the working tree at root.
func buildProvider(ctx context.Context, root, work string) (string, error) {
	out := filepath.Join(work, "provider", providerBinary)
	return out, goBuild(ctx, root, out, ".")
}

func goBuild(ctx context.Context, dir, out, pkg string) error {
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, pkg)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build %s in %s: %w", pkg, dir, err)
	}
	return nil
}
