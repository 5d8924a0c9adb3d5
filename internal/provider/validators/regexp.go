package validators

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Regexp accepts a string that compiles as an RE2 regular expression (Go's regexp syntax).
func Regexp() validator.String {
	return stringCheck{
		description: "value must be a valid RE2 regular expression",
		summary:     "Invalid Regular Expression",
		check: func(value string) error {
			_, err := regexp.Compile(value)
			return err
		},
		detail: func(p path.Path, value string, err error) string {
			return fmt.Sprintf("%s must be an RE2 regular expression (https://github.com/google/re2/wiki/Syntax). "+
				"In HCL, a backslash is written twice: \"^Ubuntu\\\\s22\" matches \"Ubuntu 22\".\n\n%s", p, whyNot(value, err))
		},
	}
}

// whyNot says why an expression does not compile, in a sentence: a line starting "Error:" would read in
// Terraform's output as a second, unrelated error.
func whyNot(value string, err error) string {
	var syntaxErr *syntax.Error
	if errors.As(err, &syntaxErr) {
		return fmt.Sprintf("%q does not compile: %s in `%s`.", value, syntaxErr.Code, syntaxErr.Expr)
	}
	return fmt.Sprintf("%q does not compile: %s.", value, err)
}
