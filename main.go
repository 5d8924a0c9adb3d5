package main

import (
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/imagepick/terraform-provider-imagepick/internal/provider"
)

// version is set by the release build (GoReleaser ldflags -X main.version=...).
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	// provider.NewServer is terraform-plugin-framework's server with the image data sources read directly.
	server, err := provider.NewServer(version)()
	if err != nil {
		log.Fatal(err.Error())
	}
	err = tf6server.Serve("registry.terraform.io/imagepick/imagepick", func() tfprotov6.ProviderServer { return server }, opts...)
	if err != nil {
		log.Fatal(err.Error())
	}
}
