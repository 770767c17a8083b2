# Civic Pulse — see README.md. Every target installs what it needs first (tools/setup.sh).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := serve

PORT ?= 8000
# The bindings crates' wasm-bindgen-test suites (crates/civic-pulse-wasm/tests/ and, for the
# on-demand module, crates/civic-pulse-extra/tests/), which call the exports with JS values;
# --tests: their doctests already ran natively. One cargo run per crate, as they are built (one
# run would unify the first crate's features into the second).
WASM_TEST_RUN := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test --target wasm32-unknown-unknown --tests
# The wasm-bindgen test runner cannot reach chromedriver through a proxy.
NO_PROXY_ENV := env -u HTTP_PROXY -u HTTPS_PROXY -u http_proxy -u https_proxy

.PHONY: serve build test bench fuzz setup setup-test wasm data vendor lint test-rust test-wasm test-node test-py test-e2e bundle prerender share compress offline size clean

## make serve — install what is missing, build, serve on http://127.0.0.1:$(PORT)
serve: build
	node tools/serve.mjs --port $(PORT)

## make build — pkg/ (WASM + JS glue), www/data/ (Arrow snapshots), www/vendor/ (chart library)
build: setup wasm data vendor bundle prerender share offline compress

setup:
	tools/setup.sh

setup-test:
	tools/setup.sh --test

wasm:
	tools/build-wasm.sh

data:
	cargo run -q --release -p build-data -- --docs docs/datasets.md

vendor:
	node tools/vendor.mjs

# The page's modules bundled and minified with content-hashed names (www/app-*.js), which
# index.html and the embed pages load; the source modules stay beside them.
bundle:
	node tools/bundle.mjs

# Static first-paint SVGs, www/index.html from its template, per-chart embed pages, SW manifest.
prerender:
	node tools/prerender.mjs

# Share cards: www/share/<lang>/<chart>.png, 1200 × 630, drawn by headless Chromium.
share:
	node tools/share-cards.mjs

# .br and .gz beside every static asset (tools/serve.mjs sends them; README "Hosting").
compress:
	node tools/compress.mjs

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
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --quiet -- -D warnings
	cargo clippy -p civic-pulse -p civic-pulse-wasm -p civic-pulse-extra --all-targets --quiet --target wasm32-unknown-unknown -- -D warnings

test-rust:
	cargo test --workspace --quiet

test-wasm:
	$(NO_PROXY_ENV) $(WASM_TEST_RUN) -p civic-pulse-wasm
	$(NO_PROXY_ENV) $(WASM_TEST_RUN) -p civic-pulse-extra
	$(NO_PROXY_ENV) WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver $(WASM_TEST_RUN) -p civic-pulse-wasm
	$(NO_PROXY_ENV) WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver $(WASM_TEST_RUN) -p civic-pulse-extra

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
	node bench/pageload.mjs

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
	rm -rf pkg www/vendor test-results dist www/site.css www/static www/embed/zh www/embed/en www/chart www/oembed www/share www/index.html www/build-manifest.json
	find www pkg -name '*.br' -delete -o -name '*.gz' -delete 2>/dev/null || true
