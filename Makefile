# commsmap: the two commands a new user needs are `make demo` and `make test`.
SWIFT        ?= swift
BUILD_FLAGS  ?=
CONFIG       ?= debug
BIN           = .build/$(CONFIG)/commsmap
INVENTORY    ?= Inventory
POLICIES     ?= Policies
OUT          ?= out

.PHONY: all build release demo test deps clean

all: build

# Installs what the build needs when it is missing (Debian: libsodium-dev, age, minisign).
deps:
	@if ! pkg-config --exists libsodium 2>/dev/null || ! command -v age >/dev/null || ! command -v minisign >/dev/null; then \
		echo "installing libsodium-dev age minisign"; \
		SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -q && $$SUDO apt-get install -y -q libsodium-dev age minisign pkg-config; \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG) $(BUILD_FLAGS)

release:
	$(MAKE) build CONFIG=release

# The main job on the bundled data.
demo: build
	@mkdir -p $(OUT)
	$(BIN) validate --inventory $(INVENTORY)
	$(BIN) inventory list --inventory $(INVENTORY)

test: deps
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	$(SWIFT) test --skip-build $(BUILD_FLAGS)

clean:
	rm -rf .build $(OUT)
