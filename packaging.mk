# Packaging: installers and release archives. Included by the Makefile; see
# docs/packaging.md. None of this runs in `make test` except actionlint: the
# builds are slow (a cold Windows cross build is about 5 minutes on 2 cores).

ACTIONLINT_VERSION ?= v1.7.12
FYNE_CROSS_VERSION ?= v1.6.1
FYNE_CROSS         ?= $(shell $(GO) env GOPATH)/bin/fyne-cross
APP_ID             := $(shell awk -F' *= *' '/^\[/{s=$$0} s=="[Details]" && $$1=="ID"{gsub(/"/,"",$$2); print $$2}' FyneApp.toml)

.PHONY: packages windows windows-check linux linux-smoke macos icon actionlint shellcheck-packaging \
	fyne-cross-tools fyne-cross-windows fyne-cross-linux fyne-cross-darwin

# Everything this Linux machine can build and check; what CI runs on request
# (for example from .ci/run when DOSSIER_PACKAGES=1), never in make test.
packages: windows linux linux-smoke

# dist/Dossier.exe, dist/dossier-cli.exe, dist/Dossier-<version>-setup.exe, checked.
windows:
	bash packaging/scripts/windows.sh

# Re-run only the checks on what windows left in dist/.
windows-check:
	bash packaging/scripts/check-windows.sh

# dist/Dossier-<version>-linux-<arch>.tar.xz
linux:
	bash packaging/scripts/linux.sh

# Install the tarball into a temporary prefix and run `dossier version` from it.
linux-smoke:
	bash packaging/scripts/linux-smoke.sh

# On a Mac: dist/Dossier-<version>-macos.dmg (universal; signed/notarised when configured).
macos:
	bash packaging/scripts/macos.sh

# Redraw assets/icon.png (a test checks that it is current).
icon:
	CGO_ENABLED=0 $(GO) run ./packaging/icon -png assets/icon.png

# The release workflow and the packaging scripts are checked on every
# make lint / make test.
lint-extra:: actionlint shellcheck-packaging

shellcheck-packaging:
	@bash packaging/scripts/lint.sh

actionlint:
	CGO_ENABLED=0 GOFLAGS= $(GO) run github.com/rhysd/actionlint/cmd/actionlint@$(ACTIONLINT_VERSION) -no-color

# fyne-cross builds in Docker images (docker.io/fyneio/fyne-cross-images).
# For people with Docker; the images cannot be pulled on the project's build
# machine, so these targets are untested there. Output: fyne-cross/dist/.
fyne-cross-tools:
	@command -v docker >/dev/null || { echo "fyne-cross needs Docker (or Podman with -engine podman)"; exit 1; }
	test -x $(FYNE_CROSS) || GOFLAGS= $(GO) install github.com/fyne-io/fyne-cross@$(FYNE_CROSS_VERSION)

fyne-cross-windows: fyne-cross-tools
	$(FYNE_CROSS) windows -arch=amd64 -app-id=$(APP_ID)

fyne-cross-linux: fyne-cross-tools
	$(FYNE_CROSS) linux -arch=amd64,arm64 -app-id=$(APP_ID)

# Needs an SDK extracted from Apple's Command Line Tools first (licence terms
# allow this on Apple hardware only): fyne-cross darwin-sdk-extract --xcode-path …
# then: make fyne-cross-darwin MACOS_SDK=/path/to/SDKs/MacOSX.sdk
fyne-cross-darwin: fyne-cross-tools
	@test -n "$(MACOS_SDK)" || { echo "set MACOS_SDK=path/to/MacOSX.sdk (see docs/packaging.md)"; exit 1; }
	$(FYNE_CROSS) darwin -arch=amd64,arm64 -app-id=$(APP_ID) -macosx-sdk-path=$(MACOS_SDK)
