package content

import (
	"fmt"
	"maps"
	"strconv"
	"strings"

	"lanemap/model"
)

// Languages the site can be published in; Swedish is the default.
const (
	Swedish = "sv"
	English = "en"
)

// texts holds every text of the site and the handbook in both languages: {sv, en}.
var texts = map[string][2]string{
	"site.title":        {"Processer", "Processes"},
	"site.generator":    {"Publicerad med Lanemap.", "Published with Lanemap."},
	"skip":              {"Hoppa till innehållet", "Skip to content"},
	"nav.label":         {"Huvudmeny", "Main menu"},
	"nav.processes":     {"Processer", "Processes"},
	"nav.roles":         {"Roller", "Roles"},
	"nav.handovers":     {"Överlämningar", "Handovers"},
	"nav.handbook":      {"Handbok (PDF)", "Handbook (PDF)"},
	"crumbs":            {"Du är här", "You are here"},
	"crumbs.home":       {"Start", "Home"},
	"index.h1":          {"Processer", "Processes"},
	"index.intro":       {"Här finns de fastställda processerna med roller, steg och överlämningar.", "The approved processes with their roles, steps and handovers."},
	"index.intro.draft": {"Utkast och processer under granskning är med och tydligt märkta.", "Drafts and processes under review are included and clearly marked."},
	"index.empty":       {"Inga processer är publicerade.", "No processes are published."},
	"search.h2":         {"Sök och filtrera", "Search and filter"},
	"search.label":      {"Sök på namn, roll eller text", "Search by name, role or text"},
	"search.role":       {"Roll", "Role"},
	"search.status":     {"Status", "Status"},
	"search.all":        {"Alla", "All"},
	"search.count":      {"Visar %d av %d processer", "Showing %d of %d processes"},
	"search.count.one":  {"Visar %d av %d process", "Showing %d of %d process"},
	"search.none":       {"Inga processer matchar sökningen.", "No processes match the search."},
	"col.process":       {"Process", "Process"},
	"col.owner":         {"Ägare", "Owner"},
	"col.status":        {"Status", "Status"},
	"col.version":       {"Version", "Version"},
	"col.review":        {"Granskas senast", "Review by"},
	"col.roles":         {"Roller", "Roles"},
	"col.fromrole":      {"Från roll", "From role"},
	"col.fromstep":      {"Från steg", "From step"},
	"col.torole":        {"Till roll", "To role"},
	"col.tostep":        {"Till steg", "To step"},
	"col.what":          {"Vad lämnas över", "What is handed over"},
	"col.condition":     {"Villkor", "Condition"},
	"ho.after":          {"Resultatet av %s", "The result of %s"},
	"ho.unknown":        {"–", "–"},
	"col.count":         {"Antal", "Count"},
	"col.activities":    {"Aktiviteter", "Activities"},
	"col.in":            {"Processer", "Processes"},
	"meta.h2":           {"Om processen", "About the process"},
	"meta.owner":        {"Processägare", "Process owner"},
	"meta.maintainer":   {"Förvaltare", "Maintainer"},
	"meta.version":      {"Version", "Version"},
	"meta.status":       {"Status", "Status"},
	"meta.approved":     {"Fastställd", "Approved"},
	"meta.review":       {"Granskas senast", "Review by"},
	"meta.class":        {"Informationsklass", "Classification"},
	"meta.tags":         {"Nyckelord", "Tags"},
	"meta.links":        {"Rutiner och dokument", "Routines and documents"},
	"meta.file":         {"Källfil", "Source file"},
	"meta.roles":        {"Roller", "Roles"},
	"draft.banner":      {"Detta är inte en fastställd process (status: %s). Den får inte användas som gällande rutin.", "This process is not approved (status: %s). Do not use it as the current routine."},
	"draft.badge":       {"Ej fastställd", "Not approved"},
	"map.h2":            {"Processkarta", "Process map"},
	"map.hint":          {"Välj ett steg i kartan med mus eller tangentbord (Tabb, Enter) för att se vad det innebär. Kartan finns också som text under Steg för steg.", "Choose a step in the map with the mouse or keyboard (Tab, Enter) to see what it means. The map is also given as text under Step by step."},
	"map.full":          {"Visa i full storlek", "Show full size"},
	"map.fit":           {"Anpassa till bredden", "Fit to width"},
	"map.missing":       {"Filen har ingen ritad karta. Stegen finns som text nedan.", "The file has no drawn map. The steps are given as text below."},
	"map.label":         {"Processkarta för %s. Samma innehåll finns som text under Steg för steg.", "Process map of %s. The same content is given as text under Step by step."},
	"panel.h2":          {"Valt steg", "Selected step"},
	"panel.close":       {"Stäng", "Close"},
	"panel.empty":       {"Välj ett steg i kartan.", "Choose a step in the map."},
	"panel.inlist":      {"Visa i steglistan", "Show in the step list"},
	"steps.h2":          {"Steg för steg", "Step by step"},
	"steps.intro":       {"Stegen är numrerade i flödets ordning och ordnade efter roll.", "The steps are numbered in the order of the flow and grouped by role."},
	"steps.nolane":      {"Utan roll", "No role"},
	"steps.role":        {"Roll: %s", "Role: %s"},
	"steps.next":        {"Nästa", "Next"},
	"steps.end":         {"Processen slutar här.", "The process ends here."},
	"steps.calls":       {"Anropar processen", "Calls the process"},
	"steps.calls.ext":   {"Anropar %s (inte publicerad)", "Calls %s (not published)"},
	"steps.links":       {"Länkar", "Links"},
	"steps.on":          {"På steget", "On step"},
	"steps.by":          {"utförs av %s", "done by %s"},
	"steps.unnamed":     {"(namnlöst)", "(unnamed)"},
	"ho.h2":             {"Överlämningar", "Handovers"},
	"ho.none":           {"Processen har inga överlämningar mellan roller.", "The process has no handovers between roles."},
	"ho.caption":        {"Överlämningar mellan roller i %s", "Handovers between roles in %s"},
	"hos.h1":            {"Överlämningar", "Handovers"},
	"hos.intro":         {"Alla överlämningar mellan roller i de publicerade processerna.", "Every handover between roles in the published processes."},
	"hos.pairs":         {"Mellan roller", "Between roles"},
	"hos.byprocess":     {"Per process", "By process"},
	"roles.h1":          {"Roller", "Roles"},
	"roles.intro":       {"Vem gör vad: välj en roll för att se dess aktiviteter i alla processer.", "Who does what: choose a role to see its activities in every process."},
	"role.h1":           {"Roll: %s", "Role: %s"},
	"role.intro":        {"Det här gör rollen %s i de publicerade processerna.", "What the role %s does in the published processes."},
	"role.none":         {"Rollen har inga aktiviteter.", "The role has no activities."},
	"role.receives":     {"Tar emot från", "Receives from"},
	"role.gives":        {"Lämnar till", "Hands over to"},
	"status.utkast":     {"utkast", "draft"},
	"status.review":     {"under granskning", "under review"},
	"status.approved":   {"fastställd", "approved"},
	"status.none":       {"ingen status", "no status"},
	"class.0":           {"0 – öppen", "0 – public"},
	"class.1":           {"1 – intern", "1 – internal"},
	"kind.task":         {"Uppgift", "Task"},
	"kind.sub":          {"Delprocess", "Sub-process"},
	"kind.call":         {"Anrop av annan process", "Call of another process"},
	"kind.start":        {"Start", "Start"},
	"kind.end":          {"Slut", "End"},
	"kind.event":        {"Händelse", "Event"},
	"kind.boundary":     {"Händelse på steget", "Event on the step"},
	"kind.xor":          {"Beslut (ett av vägvalen)", "Decision (one path)"},
	"kind.and":          {"Parallella vägar", "Parallel paths"},
	"kind.or":           {"Beslut (ett eller flera vägval)", "Decision (one or more paths)"},
	"kind.gateway":      {"Förgrening", "Gateway"},
	"kind.flow":         {"Flöde", "Flow"},
	"kind.lane":         {"Roll", "Role"},
	"kind.pool":         {"Process", "Process"},
	"ev.timer":          {"tid", "timer"},
	"ev.message":        {"meddelande", "message"},
	"ev.error":          {"fel", "error"},
	"ev.signal":         {"signal", "signal"},
	"ev.conditional":    {"villkor", "condition"},
	"ev.escalation":     {"eskalering", "escalation"},
	"ev.terminate":      {"avslutar allt", "terminates all"},
	"flow.from":         {"Från %s till %s", "From %s to %s"},
	"reason.publish":    {"inte markerad för publicering", "not marked for publishing"},
	"reason.class":      {"informationsklass 2 eller högre publiceras aldrig", "classification 2 or higher is never published"},
	"reason.status":     {"status är %s, inte fastställd (använd --drafts för att ta med)", "status is %s, not approved (use --drafts to include)"},
	"reason.read":       {"filen kunde inte läsas", "the file could not be read"},
	"warn.nodoc":        {"%s: länken ”%s” pekar på en fil som inte finns", "%s: the link “%s” points to a file that does not exist"},
	"warn.docoutside":   {"%s: länken ”%s” pekar utanför biblioteket och visas som text", "%s: the link “%s” points outside the library and is shown as text"},
	"warn.docrefused":   {"%s: länken ”%s” pekar på en processfil eller dold fil i biblioteket; den kopieras inte och visas som text", "%s: the link “%s” points to a process file or hidden file in the library; it is not copied and is shown as text"},
	"warn.docread":      {"%s: filen kunde inte kopieras (%s)", "%s: the file could not be copied (%s)"},
	"link.network":      {"öppnas bara i organisationens nätverk", "opens only on the organisation's network"},
	"warn.nomap":        {"%s: filen har ingen ritad karta; processen publiceras som text", "%s: the file has no drawn map; the process is published as text"},
	"warn.dupid":        {"%s och %s definierar samma process (%s); anrop länkar till den första", "%s and %s define the same process (%s); calls link to the first"},
	"rep.done":          {"Publicerade %s%s i %s: %s, %s, %s.", "Published %s%s in %s: %s, %s, %s."},
	"rep.omitted":       {"Utelämnade:", "Left out:"},
	"rep.removed":       {"Borttagen: %s", "Removed: %s"},
	"rep.warning":       {"Varning: %s", "Warning: %s"},
	"rep.handbook":      {"Handbok: %s", "Handbook: %s"},
	"rep.note":          {"Obs: %s", "Note: %s"},
	"note.idreadonly":   {"biblioteket kunde inte få någon identitetsfil (%[1]s: %[2]s). Webbplatsen känner igen det på mappen %[3]s, så samma bibliotek nått via en annan sökväg (en annan enhetsbokstav eller monteringspunkt) kräver --force eller bekräftelse tills någon med skrivbehörighet har publicerat det eller öppnat det i Lanemap", "the library could not be given an identity file (%[1]s: %[2]s). The site knows it by its folder %[3]s, so the same library reached by another path (another drive letter or mount point) needs --force or confirmation until someone with write access has published it or opened it in Lanemap"},
	"note.iddamaged":    {"bibliotekets identitetsfil %[1]s är skadad (%[2]s) och lämnas orörd; webbplatsen känner igen biblioteket på mappen %[3]s tills filen tas bort (då skapas en ny vid nästa publicering)", "the library's identity file %[1]s is damaged (%[2]s) and left as it is; the site knows the library by its folder %[3]s until the file is deleted (a new one is then made at the next publication)"},
	"note.libmoved":     {"webbplatsen publicerades senast från %[1]s; samma bibliotek (enligt dess identitetsfil) publiceras nu från %[2]s", "the site was last published from %[1]s; the same library (by its identity file) is now published from %[2]s"},
	"note.libcopy":      {"webbplatsen publicerades senast från %[1]s, som också innehåller det här biblioteket (samma identitetsfil): mapparna är kopior av samma bibliotek. Publiceringen från %[2]s ersätter webbplatsen; ska en av kopiorna vara ett eget bibliotek, ta bort dess .lanemap-library.json och publicera den till en egen mapp", "the site was last published from %[1]s, which holds this library too (the same identity file): the folders are copies of one library. Publishing from %[2]s replaces the site; if one copy is meant to be a library of its own, delete its .lanemap-library.json and publish it to a folder of its own"},
	"note.libnewid":     {"bibliotekets identitetsfil %s är ny (den förra togs bort eller kom inte med vid en kopiering); webbplatsen känner igen biblioteket på mappen och tar den nya identiteten", "the library's identity file %s is new (the earlier one was deleted or not copied along); the site recognises the library by its folder and takes the new identity"},
	"hb.title":          {"Processhandbok", "Process handbook"},
	"hb.toc":            {"Innehåll", "Contents"},
	"hb.page":           {"Sida %d av %s", "Page %d of %s"},
	"hb.edition":        {"Utgåva %s", "Edition %s"},
	"hb.drafts":         {"Handboken innehåller processer som inte är fastställda. De är märkta UTKAST på varje sida.", "The handbook contains processes that are not approved. They are marked DRAFT on every page."},
	"hb.draftmark":      {"UTKAST", "DRAFT"},
	"hb.sheet":          {"%s – blad %d av %d", "%s – sheet %d of %d"},
	"hb.sheets":         {"Kartan är för stor för ett blad och är delad på %d blad med överlapp. Rollernas namn upprepas till vänster på varje blad.", "The map is too large for one sheet and is split over %d sheets with overlap. The role names are repeated on the left of every sheet."},
	"hb.sheetsTop":      {"Kartan är för stor för ett blad och är delad på %d blad med överlapp. Rollernas namn upprepas överst på varje blad.", "The map is too large for one sheet and is split over %d sheets with overlap. The role names are repeated at the top of every sheet."},
	"hb.header":         {"Ägare: %s · version %s · klass %d", "Owner: %s · version %s · class %d"},
	"hb.online":         {"Öppna processen på intranätet", "Open the process on the intranet"},
	"hb.nosteps":        {"Processen har inga steg.", "The process has no steps."},
}

// Words gives the published texts in one language.
type Words struct{ i int }

// NewWords returns the texts for lang: "sv" (or "") or "en".
func NewWords(lang string) (Words, error) {
	switch lang {
	case "", Swedish:
		return Words{0}, nil
	case English:
		return Words{1}, nil
	}
	return Words{}, fmt.Errorf("unknown language %q (use sv or en)", lang)
}

// Lang is the language code, "sv" or "en".
func (t Words) Lang() string { return [2]string{Swedish, English}[t.i] }

// Keys lists every text key with its two translations, for tests.
func Keys() map[string][2]string { return maps.Clone(texts) }

// T returns the text for key, formatted with args when given. A missing
// key is an error so templates fail loudly in tests.
func (t Words) T(key string, args ...any) (string, error) {
	s, ok := texts[key]
	if !ok {
		return "", fmt.Errorf("no text for %q", key)
	}
	if len(args) > 0 {
		return fmt.Sprintf(s[t.i], args...), nil
	}
	return s[t.i], nil
}

// Must is T for keys that are constants in Go code (the tests check them).
func (t Words) Must(key string, args ...any) string {
	s, err := t.T(key, args...)
	if err != nil {
		panic(err) // keys in Go code are constants checked by the tests
	}
	return s
}

// Status names a status in the site's language.
func (t Words) Status(s string) string {
	switch s {
	case model.StatusDraft:
		return t.Must("status.utkast")
	case model.StatusReview:
		return t.Must("status.review")
	case model.StatusApproved:
		return t.Must("status.approved")
	case "":
		return t.Must("status.none")
	}
	return s
}

// Class names a classification level that may be published.
func (t Words) Class(c int) string {
	if c <= 0 {
		return t.Must("class.0")
	}
	return t.Must("class.1")
}

// Kind says in words what a step is.
func (t Words) Kind(s *Step) string {
	k := s.Kind
	var base string
	switch {
	case k == model.CallActivity:
		base = t.Must("kind.call")
	case k.IsSubProcess():
		base = t.Must("kind.sub")
	case k.IsActivity():
		base = t.Must("kind.task")
	case k == model.StartEvent:
		base = t.Must("kind.start")
	case k == model.EndEvent:
		base = t.Must("kind.end")
	case k == model.BoundaryEvent:
		base = t.Must("kind.boundary")
	case k.IsEvent():
		base = t.Must("kind.event")
	case k == model.ExclusiveGateway:
		base = t.Must("kind.xor")
	case k == model.ParallelGateway:
		base = t.Must("kind.and")
	case k == model.InclusiveGateway:
		base = t.Must("kind.or")
	default:
		base = t.Must("kind.gateway")
	}
	var defs []string
	for _, d := range s.EventDefs {
		if v, ok := texts["ev."+d]; ok {
			defs = append(defs, v[t.i])
		}
	}
	if len(defs) > 0 {
		base += " (" + strings.Join(defs, ", ") + ")"
	}
	return base
}

// StepName is a step's name, or what it is when it has none.
func (t Words) StepName(s *Step) string {
	if s.Name != "" {
		return s.Name
	}
	return t.Kind(s)
}

// Handed says what a handover passes on, by one rule for the site and the
// handbook: what the file says (Handover.What: the flow's name unless it is
// a gateway's answer, else the data objects handed over), else "the result
// of N. <step>" for the step before it (After), else "–".
func (t Words) Handed(h Handover) string {
	if w := h.What(); w != "" {
		return w
	}
	if h.After != nil {
		return t.Must("ho.after", strconv.Itoa(h.After.Number)+". "+t.StepName(h.After))
	}
	return t.Must("ho.unknown")
}

// Condition says on what a handover is taken: the gateway's question and
// the answer ("Komplett? Ja"), or the condition alone; "" when
// unconditional.
func (t Words) Condition(h Handover) string {
	if h.Condition == "" {
		return ""
	}
	gw := strings.TrimSpace(h.GatewayName())
	switch {
	case gw == "":
		return h.Condition
	case strings.HasSuffix(gw, "?"):
		return gw + " " + h.Condition
	}
	return gw + ": " + h.Condition
}

// Reason explains in words why a file was left out.
func (t Words) Reason(r Reason, status string) string {
	switch r {
	case NotForPublish:
		return t.Must("reason.publish")
	case Classified:
		return t.Must("reason.class")
	case NotApproved:
		return t.Must("reason.status", t.Status(status))
	case Unreadable:
		return t.Must("reason.read")
	}
	return ""
}

// counts are the counted phrases, {sv, en} × {one, many}: Count picks by n.
var counts = map[string][2][2]string{
	"process":   {{"%d process", "%d processer"}, {"%d process", "%d processes"}},
	"draft":     {{"%d ej fastställd", "%d ej fastställda"}, {"%d not approved", "%d not approved"}},
	"written":   {{"%d fil skriven", "%d filer skrivna"}, {"%d file written", "%d files written"}},
	"unchanged": {{"%d oförändrad", "%d oförändrade"}, {"%d unchanged", "%d unchanged"}},
	"removed":   {{"%d borttagen", "%d borttagna"}, {"%d removed", "%d removed"}},
}

// Count says n of noun ("process", "draft", "written", "unchanged",
// "removed") in the singular or plural as n asks: "1 process", "2
// processer". An unknown noun panics, as Must does (they are constants).
func (t Words) Count(noun string, n int) string {
	c, ok := counts[noun]
	if !ok {
		panic(fmt.Sprintf("no counted phrase for %q", noun))
	}
	if n == 1 || n == -1 {
		return fmt.Sprintf(c[t.i][0], n)
	}
	return fmt.Sprintf(c[t.i][1], n)
}
