package validators

import (
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Duration accepts a Go duration string (such as "30s" or "2m") between least and most inclusive.
func Duration(least, most time.Duration) validator.String {
	description := fmt.Sprintf("value must be a duration such as \"30s\" or \"2m\", between %s and %s", least, most)
	return stringCheck{
		description: description,
		summary:     "Invalid Duration",
		check: func(value string) error {
			d, err := time.ParseDuration(value)
			if err == nil && (d < least || d > most) {
				err = fmt.Errorf("%s is out of range", d)
			}
			return err
		},
		detail: func(p path.Path, value string, _ error) string {
			return fmt.Sprintf("%s is %q; %s.", p, value, description)
		},
	}
}
