package content

import (
	"net/url"
	"path"
	"strings"
)

// LinkKind says what a document link's target is, and so how the site
// and the handbook can make it clickable.
type LinkKind int

// Kinds of document link.
const (
	// LinkText cannot be linked (empty, or a scheme we do not follow,
	// such as javascript:): it is shown as text.
	LinkText LinkKind = iota
	// LinkURL is a web, mail or file URL, linked as it is.
	LinkURL
	// LinkNetwork is a UNC path (\\server\share\…) or an absolute path
	// (C:\…, /…): linked as a file: URL, which opens only where that
	// path is reachable (the organisation's network).
	LinkNetwork
	// LinkRelative is a path relative to the process file: the site
	// copies the file when it is in the library.
	LinkRelative
)

// DocLink classifies a document link's href. target is the URL to link
// for LinkURL and LinkNetwork (a file: URL, percent-encoded), the clean
// slash path for LinkRelative, and "" for LinkText.
func DocLink(href string) (kind LinkKind, target string) {
	href = strings.TrimSpace(href)
	if href == "" {
		return LinkText, ""
	}
	// UNC: \\server\share\… (or //server/share/…, as Windows accepts).
	if strings.HasPrefix(href, `\\`) || strings.HasPrefix(href, "//") {
		parts := strings.FieldsFunc(href, func(r rune) bool { return r == '\\' || r == '/' })
		if len(parts) < 2 {
			return LinkText, ""
		}
		u := url.URL{Scheme: "file", Host: parts[0], Path: "/" + strings.Join(parts[1:], "/")}
		return LinkNetwork, u.String()
	}
	// A drive letter: C:\… or C:/….
	if len(href) >= 3 && isLetter(href[0]) && href[1] == ':' && (href[2] == '\\' || href[2] == '/') {
		p := strings.ReplaceAll(href, `\`, "/")
		u := url.URL{Scheme: "file", Path: "/" + p}
		return LinkNetwork, u.String()
	}
	if strings.HasPrefix(href, "/") {
		u := url.URL{Scheme: "file", Path: path.Clean(strings.ReplaceAll(href, `\`, "/"))}
		return LinkNetwork, u.String()
	}
	if u, err := url.Parse(href); err == nil && u.Scheme != "" {
		switch strings.ToLower(u.Scheme) {
		case "http", "https":
			if u.Host != "" {
				return LinkURL, u.String()
			}
		case "file":
			return LinkURL, u.String()
		case "mailto":
			if u.Opaque != "" {
				return LinkURL, u.String()
			}
		}
		return LinkText, ""
	}
	if strings.ContainsRune(href, ':') {
		return LinkText, "" // an odd scheme url.Parse refused
	}
	p := path.Clean(strings.ReplaceAll(href, `\`, "/"))
	if p == "." {
		return LinkText, ""
	}
	return LinkRelative, p
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
