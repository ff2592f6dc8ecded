package model

import (
	"strings"
	"unicode"

	"github.com/google/uuid"
)

// NewID returns a fresh id for an element of kind k: "<Kind>_<uuid>", e.g.
// "UserTask_3f2c…". The kind prefix makes it a valid xsd:ID (an NCName must
// not start with a digit) and readable in the XML.
func NewID(k Kind) string {
	s := string(k)
	if s == "" {
		s = "Element"
	}
	return strings.ToUpper(s[:1]) + s[1:] + "_" + uuid.NewString()
}

// ValidID reports whether s is an NCName, the form xsd:ID requires.
func ValidID(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || unicode.IsLetter(r):
		case i > 0 && (r == '-' || r == '.' || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)):
		default:
			return false
		}
	}
	return true
}
