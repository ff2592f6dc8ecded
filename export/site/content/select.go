package content

import "lanemap/model"

// Reason says why a process file was left out of a publication.
type Reason int

// Reasons for leaving a file out. The zero value means "published".
const (
	Included      Reason = iota
	NotForPublish        // Meta.Publish is false
	Classified           // Meta.Classification is 2 or higher
	NotApproved          // status is not fastställd and drafts were not asked for
	Unreadable           // the file could not be read
)

// Decide applies the publishing rules to one file's metadata: only files
// marked for publishing, never classification 2 or above, and drafts (any
// status but fastställd) only when drafts is set. It returns whether the file
// is published as a draft, and the reason when it is left out.
func Decide(m model.Meta, drafts bool) (draft bool, r Reason) {
	switch {
	case m.Classification >= 2:
		return false, Classified
	case !m.Publish:
		return false, NotForPublish
	case m.Status != model.StatusApproved && !drafts:
		return false, NotApproved
	}
	return m.Status != model.StatusApproved, Included
}
