# Lanemap. `make run` and `make test` do all the set-up on a fresh Debian machine.
GO        ?= go
BIN       := bin/lanemap
# Packages that need no display: they also run under the race detector.
HEADLESS  := ./model/... ./bpmn/... ./edit/... ./draw/... ./library/... ./export/... ./cli/... ./assets/...
# Each fuzz target runs FUZZTIME in CI (about 30 s in all); every other
# Fuzz… target's seeds run as ordinary tests in `unit`.
FUZZTIME  ?= 6s
FUZZ      := ./bpmn:FuzzDecode ./bpmn:FuzzRoundTrip ./draw:FuzzBuild ./edit:FuzzOps ./library:FuzzMergeDisjointEdits ./export/png:FuzzUpEncoder

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
	@for t in $(FUZZ); do pkg=$${t%%:*}; fn=$${t##*:}; \
	  if grep -qs "func $$fn(" $$pkg/*_test.go; then \
	    echo "fuzz $$pkg $$fn $(FUZZTIME)"; \
	    $(GO) test -run='^$$' -fuzz="^$$fn\$$" -fuzztime=$(FUZZTIME) $$pkg || exit 1; \
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
