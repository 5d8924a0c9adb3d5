package selection

import "strings"

// ContainsFold reports whether list holds value, ignoring case (status, gpu_type, scene_category filters).
func ContainsFold(list []string, value string) bool {
	for _, v := range list {
		if strings.EqualFold(v, value) {
			return true
		}
	}
	return false
}

// ContainsAllFold reports whether have holds every element of want, ignoring case (the features filter: an image
// must offer all requested features). An empty want is always satisfied.
func ContainsAllFold(have, want []string) bool {
	for _, w := range want {
		if !ContainsFold(have, w) {
			return false
		}
	}
	return true
}

// Canonical maps a user's spelling of an enumeration value to the spelling the API uses, matching allowed
// case-insensitively: Canonical("linux", []string{"Linux", "Windows"}) is "Linux", true. An unknown value gives
// "", false.
func Canonical(value string, allowed []string) (string, bool) {
	for _, a := range allowed {
		if a == value {
			return a, true
		}
	}
	for _, a := range allowed {
		if strings.EqualFold(a, value) {
			return a, true
		}
	}
	return "", false
}
