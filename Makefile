# Two commands for a fresh Debian machine with Python 3.11:
#   make run   - create .venv, install, start the dashboard on the bundled sample data
#   make test  - install what the tests need (incl. Debian's chromium and poppler-utils) and run every test
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.txt | cut -c1-12)
PORT ?= 8501
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test system-deps validate kpis benchmarks docs

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

run: $(STAMP)
	$(PY) -m streamlit run dashboard.py --server.port $(PORT)

# Browser tests and static chart export use Debian's Chromium; PDF tests use pdftoppm.
system-deps:
	@if ! command -v chromium >/dev/null || ! command -v pdftoppm >/dev/null; then \
		$(SUDO) apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium poppler-utils; \
	fi

test: $(STAMP) system-deps
	$(PY) -m pytest -q -p no:cacheprovider

validate: $(STAMP)
	$(PY) -m metrics validate --data data

kpis: $(STAMP)
	$(PY) -m metrics kpis --data data

docs: $(STAMP)
	$(PY) scripts/make_kpi_docs.py
	$(PY) scripts/make_data_readme.py

benchmarks: $(STAMP)
	$(PY) benchmarks/bench_ingest.py
	$(PY) benchmarks/bench_store.py
	$(PY) benchmarks/bench_snapshot.py
	$(PY) benchmarks/bench_memory.py
	$(PY) benchmarks/bench_scale.py
	$(PY) benchmarks/bench_desk.py
	$(PY) benchmarks/bench_kpis.py
	$(PY) benchmarks/bench_report.py
	$(PY) benchmarks/bench_dashboard.py
	$(PY) benchmarks/bench_redraw.py
	$(PY) benchmarks/bench_coldstart.py
	$(PY) benchmarks/bench_pages.py
	$(PY) benchmarks/bench_fuzz.py 480
