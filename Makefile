# commsmap: the two commands a new user needs are `make demo` and `make test`.
SWIFT        ?= swift
BUILD_FLAGS  ?=
CONFIG       ?= debug
BIN           = .build/$(CONFIG)/commsmap
INVENTORY    ?= Inventory
POLICIES     ?= Policies
OUT          ?= out

.PHONY: all build release demo drill test bench deps clean fuzz test-sanitizers

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

# The main job on the bundled data: check it, list it, judge it, write the report in every
# format to $(OUT)/, and print the coverage table with what an internet outage breaks.
demo: build
	@mkdir -p $(OUT)
	$(BIN) validate --inventory $(INVENTORY)
	$(BIN) inventory list --inventory $(INVENTORY)
	$(BIN) assess --inventory $(INVENTORY) --policies $(POLICIES)
	$(BIN) report --inventory $(INVENTORY) --policies $(POLICIES) --format html -o $(OUT)/report.html
	$(BIN) report --inventory $(INVENTORY) --policies $(POLICIES) --format md -o $(OUT)/report.md
	$(BIN) report --inventory $(INVENTORY) --policies $(POLICIES) --format json -o $(OUT)/report.json
	$(BIN) report --inventory $(INVENTORY) --policies $(POLICIES) --format csv -o $(OUT)/report.csv
	$(BIN) coverage --inventory $(INVENTORY) --policies $(POLICIES) --scenario internet-outage
	@echo "wrote $(OUT)/report.html, $(OUT)/report.md, $(OUT)/report.json and $(OUT)/report.csv"

# A complete local exercise: control and five teams test every channel of NETWORK, and
# control writes the report and the evidence file (see Tools/exercise-drill/drill.sh).
drill: build
	COMMSMAP=$(BIN) Tools/exercise-drill/drill.sh $(or $(NETWORK),csirts-network)

test: deps
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	$(SWIFT) test --skip-build $(BUILD_FLAGS)

# libFuzzer harnesses (Tools/fuzz/README.md): builds them with -sanitize=fuzzer,address, seeds
# the corpora, and runs each for FUZZ_SECONDS; a crash stops the run with its input saved in
# Tools/fuzz/artifacts/<harness>/.
FUZZ_SECONDS ?= 60
FUZZERS      ?= fuzz-age fuzz-minisign fuzz-rule fuzz-policy fuzz-inventory fuzz-exercise
fuzz:
	cd Tools/fuzz && $(SWIFT) build --scratch-path ../../.build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
	Tools/fuzz/seed-corpus.sh $(abspath $(wildcard $(BIN)))
	@set -e; for h in $(FUZZERS); do \
		mkdir -p Tools/fuzz/artifacts/$$h; \
		echo "== $$h: $(FUZZ_SECONDS) s"; \
		.build-fuzz/debug/$$h -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
			-artifact_prefix=Tools/fuzz/artifacts/$$h/ Tools/fuzz/corpus/$$h; \
	done

# The test suite under AddressSanitizer, then ThreadSanitizer, each in its own build folder.
# LeakSanitizer skips the leaks listed in Tools/fuzz/lsan-suppressions.txt (Foundation's and
# false positives, each explained there) and does not print which it skipped: the commsmap
# runs of the tests would show that table on stderr, which the tests compare.
test-sanitizers: deps
	LSAN_OPTIONS=suppressions=$(abspath Tools/fuzz/lsan-suppressions.txt):print_suppressions=0 \
		$(SWIFT) test --sanitize=address --scratch-path .build-asan $(BUILD_FLAGS)
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan $(BUILD_FLAGS)

# Every benchmark of DESIGN §9 in one run (release build; about 15 minutes on 2 cores), then
# BENCHMARKS.md rewritten from the measured figures (Tools/bench/run.sh; RUNS, MIB, BIG_MIB,
# MESSAGES, TOOLS, NETWORKS and CRITERIA in the environment change the sizes).
BENCH_OUT    ?= BENCHMARKS.md

bench: deps
	Tools/bench/run.sh $(BENCH_OUT)

clean:
	rm -rf .build $(OUT)
