package emulator

import (
	"encoding/json"
	"fmt"
	"io"
)

// WriteCatalog writes c in the -catalog file format, indented, so a user can start their own catalog from the
// built-in or a generated one. Lists the format requires but c leaves nil are written as [] rather than null.
func WriteCatalog(w io.Writer, c *Catalog) error {
	out := Catalog{
		UHost:            exportList(c.UHost),
		PHost:            make([]PHostImage, len(c.PHost)),
		BMC:              make([]BMCImage, len(c.BMC)),
		BMCInstanceTypes: exportList(c.BMCInstanceTypes),
		ZEC:              make([]ZECImage, len(c.ZEC)),
		ZECZones:         exportList(c.ZECZones),
	}
	for i, img := range c.PHost {
		img.Clusters = exportList(img.Clusters)
		img.Support = exportList(img.Support)
		out.PHost[i] = img
	}
	for i, img := range c.BMC {
		img.InstanceTypes = exportList(img.InstanceTypes)
		out.BMC[i] = img
	}
	for i, img := range c.ZEC {
		img.NicNetworkType = exportList(img.NicNetworkType)
		img.Zones = exportList(img.Zones)
		out.ZEC[i] = img
	}
	encoder := json.NewEncoder(w)
	encoder.SetIndent("", "  ")
	encoder.SetEscapeHTML(false) // keep names such as "A & B" readable
	if err := encoder.Encode(out); err != nil {
		return fmt.Errorf("write catalog: %w", err)
	}
	return nil
}

func exportList[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}
