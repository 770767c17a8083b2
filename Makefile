# Civic Pulse — see README.md. Every target installs what it needs first (tools/setup.sh).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := serve

PORT ?= 8000
# --tests: unit and integration tests; the doctests already ran natively.
WASM_TEST := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test --target wasm32-unknown-unknown --tests
# The wasm-bindgen test runner cannot reach chromedriver through a proxy.
NO_PROXY_ENV := env -u HTTP_PROXY -u HTTPS_PROXY -u http_proxy -u https_proxy

.PHONY: serve build test bench fuzz setup setup-test wasm data vendor lint test-rust test-wasm test-node test-py test-e2e prerender offline size clean

## make serve — install what is missing, build, serve on http://127.0.0.1:$(PORT)
serve: build
	node tools/serve.mjs --port $(PORT)

## make build — pkg/ (WASM + JS glue), www/data/ (Arrow snapshots), www/vendor/ (chart library)
build: setup wasm data vendor prerender offline

setup:
	tools/setup.sh

setup-test:
	tools/setup.sh --test

wasm:
	tools/build-wasm.sh

data:
	cargo run --quiet --release --bin build-data -- --docs docs/datasets.md

vendor:
	node tools/vendor.mjs

# Static first-paint SVGs, www/index.html from its template, per-chart embed pages, SW manifest.
prerender:
	node tools/prerender.mjs

# dist/civic-pulse-report.html: the whole report in one file that works from file://.
offline:
	node tools/offline.mjs

## make size — first view before JS, whole report, one embed, offline file (gzip) vs budgets
size: build
	node tools/size-report.mjs

## make test — everything CI runs (.ci/run calls exactly this)
test: setup-test lint test-rust build test-wasm test-node test-py test-e2e
	@echo "make test: all suites passed"

lint:
	npx --no-install biome check .
	cargo fmt --check
	cargo clippy --all-targets --quiet -- -D warnings
	cargo clippy --all-targets --quiet --target wasm32-unknown-unknown -- -D warnings

test-rust:
	cargo test --quiet

test-wasm:
	$(NO_PROXY_ENV) $(WASM_TEST)
	$(NO_PROXY_ENV) WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver $(WASM_TEST)

test-node:
	node --test tests/node/

test-py:
	.venv/bin/python -m pytest -q tests/python

test-e2e:
	node --test tests/e2e/

## make bench — sizes and timings against peers measured in the same run
bench: build
	tools/setup.sh --bench
	node bench/gen.mjs target/bench-17mb.arrow
	node bench/all.mjs

## make fuzz — each cargo-fuzz target for FUZZ_SECONDS (default 60; a long campaign:
## FUZZ_SECONDS=3600), or FUZZ_RUNS executions, with FUZZ_JOBS processes; seeded from the
## checked-in minimized corpus fuzz/seeds/ (refresh it with fuzz/minimize.sh); crashes are
## kept under tests/fuzz_regressions/ (replayed by `cargo test`) and fail the run
FUZZ_SECONDS ?= 60
FUZZ_RUNS ?= -1
FUZZ_JOBS ?= 1
fuzz: data
	tools/setup.sh --fuzz
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_JOBS=$(FUZZ_JOBS) fuzz/run.sh

clean:
	rm -rf pkg www/vendor test-results dist www/static www/embed/zh www/embed/en www/index.html www/build-manifest.json
