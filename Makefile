# A small front for CMake. `make run` and `make test` are the README's set-up; both install what
# is missing first (scripts/install-deps.sh is idempotent and quick when nothing is missing).
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps configure build test run example bench fuzz clean format

all: build

deps:
	@scripts/install-deps.sh

$(BUILD_DIR)/build.ninja: | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

configure: $(BUILD_DIR)/build.ninja

build: deps configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Runs every test, then prints the conformance counts the runners logged.
test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)
	@grep -h -E "^conformance:|\[ jsonata suite \]" $(BUILD_DIR)/Testing/Temporary/LastTest.log || true

# The main job: serve the Step Functions API on the embedded store, with the flagship example (the
# brand-asset pipeline) created in it and its tasks routed to the local handlers.
run: build
	scripts/serve-example.sh $(BUILD_DIR)

# The flagship example as one execution, without a server.
example: build
	$(BUILD_DIR)/stepwise validate examples/brand-asset-pipeline.asl.json
	scripts/run-example.sh $(BUILD_DIR) --json --history

bench: build
	scripts/bench.sh $(BUILD_DIR)

# Runs each fuzz target under libFuzzer (clang) for FUZZ_SECONDS each.
fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS)

format:
	clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	rm -rf $(BUILD_DIR)
