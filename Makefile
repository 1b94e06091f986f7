# The two set-up commands are `make run` and `make test` (see README.md).
BUILD_DIR ?= build
ASAN_DIR ?= build-asan
BENCH_DIR ?= build-bench
FUZZ_DIR ?= build-fuzz
# FUZZ_SECONDS per target (60 when neither is set) and/or FUZZ_RUNS executions per target.
FUZZ_SECONDS ?=
FUZZ_RUNS ?=
FUZZ_JOBS ?= 1
SOAK_MINUTES ?= 10
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -G Ninja
# ccache hits across checkouts in different folders (CI clones afresh).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: deps build run test test-asan bench fuzz soak clean

deps:
	@scripts/install-deps

$(BUILD_DIR)/build.ninja: | deps
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Running needs only the binary (not the test executables).
run: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS) --target echotune
	scripts/build-web
	scripts/run

test: build
	scripts/test $(BUILD_DIR) $(ASAN_DIR) $(FUZZ_DIR)

bench: deps
	cmake -S . -B $(BENCH_DIR) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Release -DECHOTUNE_BUILD_BENCH=ON -DECHOTUNE_BUILD_TESTS=OFF
	cmake --build $(BENCH_DIR) -j $(JOBS)
	scripts/bench $(BENCH_DIR)

# libFuzzer targets (clang, ASan+UBSan), each run FUZZ_SECONDS or FUZZ_RUNS; see docs/fuzzing.md.
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_RUNS=$(FUZZ_RUNS) scripts/fuzz --build-dir $(FUZZ_DIR) --jobs $(FUZZ_JOBS)

# The soak (docs/soak.md): SOAK_MINUTES of mixed traffic with scripted faults. Not part of test.
soak: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS) --target echotune
	scripts/soak --minutes $(SOAK_MINUTES)

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(BENCH_DIR) $(FUZZ_DIR)
