//go:build tools

// Package tools pins the build tools of imagepick outside the provider module.
package tools

import (
	// Documentation generation
	_ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
)
