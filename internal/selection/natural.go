package selection

import "strings"

// NaturalCompare is a version-aware string order returning -1, 0 or +1. Runs of ASCII digits compare by numeric
// value ("Ubuntu 9" < "Ubuntu 22", "7.9" < "7.10"); runs of equal value compare shorter first ("1" < "01");
// everything else compares byte-wise ignoring ASCII letter case, a digit run against a non-digit by its first byte.
// Strings equal but for letter case are then ordered byte-wise, so "ubuntu22" sorts beside "Ubuntu22", not after "Z".
//
// It is a total order consistent with equality: it returns 0 only for identical strings. That holds because each
// string is read as a sequence of tokens (maximal digit runs and single other bytes) compared lexicographically,
// and the order on tokens is itself total: digit runs all sit between the bytes below '0' and those above '9'.
func NaturalCompare(a, b string) int {
	if c := naturalCompare(a, b, true); c != 0 {
		return c
	}
	return naturalCompare(a, b, false)
}

// naturalCompare is NaturalCompare's algorithm on the strings as they are, or with ASCII letters lowered (fold).
func naturalCompare(a, b string, fold bool) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		ca, cb := a[i], b[j]
		if isDigit(ca) && isDigit(cb) {
			ei, ej := digitRunEnd(a, i), digitRunEnd(b, j)
			if c := compareDigitRuns(a[i:ei], b[j:ej]); c != 0 {
				return c
			}
			i, j = ei, ej
			continue
		}
		if fold {
			ca, cb = lowerASCII(ca), lowerASCII(cb)
		}
		if ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
		i++
		j++
	}
	switch {
	case i == len(a) && j == len(b):
		return 0
	case i == len(a):
		return -1
	default:
		return 1
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func digitRunEnd(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// compareDigitRuns compares two non-empty digit runs by value without converting them, so any length works.
func compareDigitRuns(x, y string) int {
	tx, ty := strings.TrimLeft(x, "0"), strings.TrimLeft(y, "0")
	if len(tx) != len(ty) {
		if len(tx) < len(ty) {
			return -1
		}
		return 1
	}
	if c := strings.Compare(tx, ty); c != 0 {
		return c
	}
	// Same value: fewer leading zeros first, so "1" and "01" stay distinct.
	switch {
	case len(x) < len(y):
		return -1
	case len(x) > len(y):
		return 1
	}
	return 0
}
