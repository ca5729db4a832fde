# kmo-alert: the Makefile is the interface; CI and the README call these targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
UV ?= $(shell command -v uv 2>/dev/null || echo python3 -m uv)
VENV := .venv
PY := $(VENV)/bin/python
PROTOS := $(shell find protos/kmo -name '*.proto' | sort)

.PHONY: help install up web admin down test test-unit test-integration test-contract test-e2e test-deploy lint format proto proto-baseline schema demo bench bench-ocr bench-ocr-queue bench-scoring bench-benchmark bench-ingest bench-gateway bench-feed bench-registry registry-import validate-k8s clean

help: ## List the targets
	@grep -hE '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

$(VENV)/.synced: pyproject.toml uv.lock $(wildcard libs/*/pyproject.toml services/*/pyproject.toml) protos/pyproject.toml
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv==0.13.8 \
	  || python3 -m pip install --quiet --user --break-system-packages uv==0.13.8
	UV_COMPILE_BYTECODE=1 $(UV) sync --all-packages --frozen
	@touch $@

K8S_TOOLS := deploy/k8s/.tools/.installed

# kubectl (kustomize), kubernetes-validate, checkov, hadolint: deploy/k8s/tools/install.sh
$(K8S_TOOLS): deploy/k8s/tools/install.sh deploy/k8s/tools/requirements.txt
	UV="$(UV)" bash deploy/k8s/tools/install.sh
	@touch $@

install: $(VENV)/.synced $(K8S_TOOLS) ## Create the virtual environment (uv workspace) and the manifest tools when missing

up: install ## Run the platform: embedded PostgreSQL + NATS unless *_DATABASE_URL / NATS_URL are set
	$(PY) -m devstack up

web: install ## Build the member web app (web/dist) when missing or stale; make up does this too
	$(PY) -m devstack web

admin: install ## Gateway admin command on the local stack: make admin ARGS='create-member --name N --vat V'
	$(PY) -m devstack admin $(ARGS)

down: install ## Stop an embedded PostgreSQL left running
	$(PY) -m devstack down

# Test files run on this many worker processes (each with its own databases, NATS namespace
# and, for the end-to-end files it gets, its own platform); 1 runs them in one process.
TEST_WORKERS ?= 2

test: install ## Unit, contract, integration and end-to-end tests (what CI runs)
	$(PY) -m pytest -q $(if $(filter-out 1,$(TEST_WORKERS)),-n $(TEST_WORKERS) --dist loadfile) tests services libs

test-unit: install ## Unit tests only; needs nothing running
	$(PY) -m pytest -q services/*/tests/unit libs/chassis/tests/unit libs/callers/tests libs/benelux/tests libs/datagen/tests libs/devstack/tests

test-integration: install ## Per-service integration tests (real PostgreSQL, NATS, gRPC)
	$(PY) -m pytest -q services/*/tests/integration libs/chassis/tests/integration

test-contract: install ## Cross-service contract checks (protos, SDL, imports)
	$(PY) -m pytest -q tests/contract

test-e2e: install ## The platform as separate processes, driven through GraphQL
	$(PY) -m pytest -q tests/e2e

test-deploy: install ## Images and Kubernetes manifests against the services (offline; part of make test)
	$(PY) -m pytest -q tests/deploy

validate-k8s: install ## Render every Kubernetes overlay and check it offline (schemas, CRDs, checkov, hadolint)
	deploy/k8s/.tools/venv/bin/python deploy/k8s/validate.py

# Test code, type-checked as strictly as src: one mypy run over MYPY_TESTS. A folder that puts
# itself on sys.path for a helper module (scoring_testing, scoring_bench, ...) goes in
# MYPY_TEST_ROOTS instead: mypy runs over it alone with it as the package base, as at runtime
# (in one run its unit/, integration/ and run.py would clash by name with another folder's).
MYPY_TESTS := conftest.py libs/*/tests \
  services/gateway/tests/integration services/gateway/tests/unit services/ingest/tests \
  services/ocr/tests \
  tests/contract tests/deploy tests/e2e tests/web \
  tests/perf/benchmark tests/perf/feed tests/perf/gateway tests/perf/ingest tests/perf/registry
MYPY_TEST_ROOTS := services/scoring/tests services/benchmark/tests tests/perf/scoring tests/perf/ocr

lint: install ## ruff, mypy and the import contracts
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy libs/*/src services/*/src
	$(VENV)/bin/mypy $(MYPY_TESTS)
	@for root in $(MYPY_TEST_ROOTS); do \
	  echo "MYPYPATH=$$root $(VENV)/bin/mypy $$root"; MYPYPATH=$$root $(VENV)/bin/mypy $$root || exit 1; \
	done
	$(VENV)/bin/lint-imports

format: install ## Format and fix what ruff can
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

proto: install ## Regenerate protos/gen from protos/kmo
	rm -rf protos/gen/kmo
	mkdir -p protos/gen
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH $(PY) -m grpc_tools.protoc -I protos \
	  --python_out=protos/gen --mypy_out=protos/gen \
	  --grpc_python_out=protos/gen --mypy_grpc_out=protos/gen $(PROTOS)

proto-baseline: install ## Record the protos as released: later changes are checked against it for breaking ones
	$(PY) -m grpc_tools.protoc -I protos --include_imports \
	  --descriptor_set_out=protos/baseline.binpb $(PROTOS)

schema: install ## Regenerate the committed GraphQL SDL
	$(PY) -m gateway schema > services/gateway/schema.graphql

bench: install ## Data generator speed: 1,000,000 invoices (OCR figures: make bench-ocr)
	$(PY) libs/datagen/bench/bench_generate.py

bench-ocr: install ## OCR accuracy on the held-back set and speed vs bare tesseract (ARGS='--quick')
	$(PY) tests/perf/ocr/run.py $(ARGS)

bench-ocr-queue: install ## OCR scheduling: a 1-page invoice's wait behind a 20-page PDF, one job at a time vs fair, and N=2 throughput (ARGS='--quick')
	$(PY) services/ocr/bench/fair_queue.py $(ARGS)

bench-scoring: install ## Scoring validity (AUCs as served), pay-date error, speed and memory (ARGS='--quick')
	$(PY) tests/perf/scoring/run.py $(ARGS)

bench-benchmark: install ## Sector benchmarks at 100,000 companies: rebuild, update, positions via gRPC (ARGS='--companies 10000')
	$(PY) tests/perf/benchmark/run.py $(ARGS)

bench-feed: install ## Partner feed: score change -> webhook p95, one change to 1,000 webhooks, 10,000 changes to one webhook
	$(PY) tests/perf/feed/run.py $(ARGS)

bench-gateway: install ## Gateway under load (wrk): risk-profile req/s and p99 vs {__typename}, vs gRPC; 1,000 companies; dashboard
	@command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk"; exit 2; }
	$(PY) tests/perf/gateway/run.py $(ARGS)

bench-ingest: install ## 1,000 UBL e-invoices via gRPC; a 100,000-row CSV import vs bare COPY; 1M-row memory
	$(PY) tests/perf/ingest/run.py $(UBL_ARGS)
	$(PY) tests/perf/ingest/csv_import.py $(CSV_ARGS)

bench-registry: install ## Company registry: 2,000,000 KBO enterprises loaded (rows/s, memory), a 2,000-change update, name-search p95 (ARGS='--enterprises 100000')
	$(PY) tests/perf/registry/run.py $(ARGS)

registry-import: install ## Load a KBO open-data extract into ingest's registry: make registry-import FILE=KboOpenData_0140_2026_11_Full.zip
	@test -n "$(FILE)" || { echo "usage: make registry-import FILE=extract.zip"; exit 2; }
	$(PY) -m ingest registry-import $(FILE)

demo: install ## Load demo data into a running make up: make demo ARGS='--url http://127.0.0.1:8000/graphql'
	$(PY) -m datagen.demo $(ARGS)

clean: ## Remove the virtual environment and local data
	rm -rf $(VENV) .data deploy/k8s/.tools
