# Dossier — the two commands are `make run` and `make test`; both install what
# they need first. See README.md.

GO        ?= go
BIN       := build/dossier
PKGS      := ./...
# Fyne's "ci" tag selects its headless driver: tests need no display, and with
# cgo off they need no X/GL headers either.
TESTFLAGS ?= -tags ci -count=1
# The race stage skips tests that repeat one single-threaded job on bulk data
# (file-safety cases of one build each, every language of the cover, OCR of
# whole pages): under the race detector each costs up to minutes of CPU and
# finds nothing the builds that remain (workers, cancel, reproducible, photo
# budget) do not exercise. The plain stage runs every one of them.
RACE_SKIP ?= ^(TestSplitWhenOverBudgetAt150|TestPackSqueezesAndRecords|TestKeepsClerksFiles|TestClerkFileNameTaken|TestLeftoverLookalikesStay|TestRecoverCarriesClerksFile|TestBuildLanguages|TestMRZFiles|TestPackCommandJSONAndSplit)$$
# Fyne reads the locale from the environment; "C" makes it log parse errors.
export LANG ?= en_US.UTF-8

.PHONY: all run build release test lint vet fmt bench deps tools clean check-windows smoke

all: build

deps:
	@bash scripts/deps.sh

tools:
	@bash scripts/deps.sh --tools

# Stamp the commit when building from a git checkout; a source tarball has none.
BUILDVCS := $(shell git rev-parse --git-dir >/dev/null 2>&1 && echo true || echo false)
# Go stamps no commit in a git worktree (its .git is a file there), so the
# commit is also handed to the linker; a source tarball has none and the
# program then leaves it out.
COMMIT    := $(shell c=$$(git rev-parse --short=12 HEAD 2>/dev/null) && { git diff --quiet HEAD -- || c=$$c+dirty; echo $$c; })
LDFLAGS   := $(if $(COMMIT),-X dossier/app/buildinfo.Commit=$(COMMIT))

# A first build downloads the Go modules and compiles the window toolkit's C
# code: minutes on a small machine, with no output of Go's own. Say so, and
# list the packages as they compile (-v) that first time only; later builds
# take seconds and stay quiet.
build: deps
	@if [ ! -x $(BIN) ]; then \
	  echo "build: first build of Dossier — this takes several minutes (downloading Go modules, compiling the GUI toolkit); later starts take seconds"; \
	  $(GO) mod download -x 2>&1 | grep --line-buffered '^# get .*200' | sed -u 's/^# get /build:   downloaded /; s/: 200 OK.*//' || true; \
	  echo "build: compiling…"; \
	  $(GO) build -v -trimpath -buildvcs=$(BUILDVCS) -ldflags "$(LDFLAGS)" -o $(BIN) . 2>&1 | sed -u 's/^/build:   /'; \
	  test -x $(BIN) && echo "build: done"; \
	else \
	  $(GO) build -trimpath -buildvcs=$(BUILDVCS) -ldflags "$(LDFLAGS)" -o $(BIN) .; \
	fi

run: build
	./$(BIN)

# A release binary for this machine: stripped of the symbol and DWARF tables
# (-s -w) and of local paths (-trimpath), in Fyne's release mode (-tags
# release), as `fyne package --release` builds the installers' (packaging.mk).
# Prints its size.
RELEASE_BIN := build/release/dossier
release: deps
	$(GO) build -trimpath -buildvcs=$(BUILDVCS) -tags release -ldflags "-s -w" -o $(RELEASE_BIN) .
	@ls -l $(RELEASE_BIN) | awk '{ printf "release: %s, %d bytes\n", $$NF, $$5 }'

test: deps lint check-windows
	CGO_ENABLED=0 $(GO) test $(TESTFLAGS) $(PKGS)
	@echo "race detector on app/ (short mode; needs gcc, which deps installs)"
	CGO_ENABLED=1 $(GO) test -race -short -skip '$(RACE_SKIP)' -timeout 20m $(TESTFLAGS) ./app/...
	$(GO) build -o /dev/null .
	@echo "make test: all checks passed"

# Packaging targets (windows, linux, installers) live in packaging.mk.
-include packaging.mk

# Other makefiles add checks to lint with "lint-extra::" rules.
lint-extra::

lint: lint-extra
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	CGO_ENABLED=0 $(GO) vet -tags ci $(PKGS)
	CGO_ENABLED=0 $(GO) tool staticcheck -tags ci $(PKGS)
	@bash scripts/complexity.sh

# The Windows build must keep compiling even though CI runs on Linux.
check-windows:
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 $(GO) vet -tags ci $(PKGS)

# Starts the real window under Xvfb, visits every screen, saves screenshots.
smoke: build tools
	bash scripts/smoke.sh

fmt:
	gofmt -w $$(git ls-files '*.go')

bench:
	CGO_ENABLED=0 $(GO) test -tags ci -run '^$$' -bench . -benchmem $(PKGS)

clean:
	rm -rf build dist
