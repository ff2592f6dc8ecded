# Lanemap. `make run` and `make test` do all the set-up on a fresh Debian machine.
GO        ?= go
BIN       := bin/lanemap
# Packages that need no display: they also run under the race detector.
HEADLESS  := ./model/... ./bpmn/... ./edit/... ./draw/... ./library/... ./export/... ./cli/... ./assets/...
# Each fuzz target runs a number of inputs (package:target:count, a few
# seconds each, about 30 s in all); every other Fuzz… target's seeds run
# as ordinary tests in `unit`. Counts, not durations: Go 1.26's fuzzing
# coordinator can fail a duration-limited run with "context deadline
# exceeded" as the time runs out (golang/go#75804, fixed in Go 1.27).
# FUZZTIME=10m make fuzz runs each target that long instead.
FUZZTIME  ?=
FUZZ      := ./bpmn:FuzzDecode:40000 ./bpmn:FuzzRoundTrip:60000 ./draw:FuzzBuild:40000 ./edit:FuzzOps:400 ./library:FuzzMergeDisjointEdits:15000 ./export/png:FuzzUpEncoder:20000

.PHONY: run test build nogui deps deps-test vet fmt-check unit race fuzz smoke bench screenshots clean

run: deps build
	./$(BIN) open examples

build: deps
	$(GO) build -o $(BIN) ./cmd/lanemap

# The headless binary: every verb but the editor, no cgo, no X libraries;
# also built for Windows, so its platform code (internal/hidden) compiles.
nogui:
	CGO_ENABLED=0 $(GO) build -tags nogui -o bin/lanemap-nogui ./cmd/lanemap
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 $(GO) build -tags nogui -o bin/lanemap-nogui.exe ./cmd/lanemap
	GOOS=windows GOARCH=amd64 $(GO) vet ./internal/hidden

deps:
	@scripts/deps.sh build

deps-test:
	@scripts/deps.sh test

test: deps-test fmt-check vet unit race nogui fuzz smoke
	@echo "make test: all checks passed"

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

unit:
	$(GO) test ./...

race:
	$(GO) test -race $(HEADLESS)

fuzz:
	@for t in $(FUZZ); do pkg=$${t%%:*}; rest=$${t#*:}; fn=$${rest%%:*}; n=$${rest##*:}; \
	  budget=$${n}x; [ -n "$(FUZZTIME)" ] && budget=$(FUZZTIME); \
	  if grep -qs "func $$fn(" $$pkg/*_test.go; then \
	    echo "fuzz $$pkg $$fn $$budget"; \
	    $(GO) test -run='^$$' -fuzz="^$$fn\$$" -fuzztime=$$budget $$pkg || exit 1; \
	  else echo "fuzz target $$fn missing in $$pkg"; exit 1; fi; done

# Starts the real editor under Xvfb on an example and screenshots it.
smoke: build
	scripts/smoke-gui.sh $(BIN)

bench:
	$(GO) test -run='^$$' -bench=. -benchmem $(HEADLESS)

screenshots: build
	@scripts/deps.sh screenshots
	scripts/screenshots.sh $(BIN)

clean:
	rm -rf bin
