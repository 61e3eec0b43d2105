# The two commands: `make run` and `make test`. Everything else is a helper of these.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# pytest-xdist workers for `make test` (one per core); TEST_WORKERS=0 runs in this process
TEST_WORKERS ?= auto
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
export PIP_DISABLE_PIP_VERSION_CHECK=1

.PHONY: run test bench lint translations demo-large clean sysdeps-run sysdeps-test dist dist-check

# First run: a small demo store in the data directory ($$DESK_HOME, else the user data dir).
run: sysdeps-run $(STAMP)
	$(PY) -m desk.cli.main demo --size small --if-missing
	$(PY) -m ui.app

test: sysdeps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider -n $(TEST_WORKERS) $(PYTEST_ARGS)

# The one-folder bundle for this platform (PyInstaller, in build/dist-venv), smoke-tested.
# Not part of `make test` (a few minutes); `make dist-check` runs the tests marked `dist`.
dist: sysdeps-run
	@mkdir -p build/wheelhouse
	PYTHON=$(PYTHON) sh installer/build.sh
	sh installer/smoke.sh

dist-check: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider -m dist $(PYTEST_ARGS)

# The benchmark database is built once (a few minutes) into $(BENCH_HOME) and reused.
BENCH_HOME ?= .bench-home
bench: $(STAMP)
	$(PY) -m desk.cli.main --home $(BENCH_HOME) demo --size large --if-missing
	QT_QPA_PLATFORM=offscreen $(PY) -m desk.cli.main --home $(BENCH_HOME) bench $(BENCH_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check desk printing ui tests
	$(VENV)/bin/mypy

translations: $(STAMP)
	$(PY) scripts/translations.py

sysdeps-run:
	@sh scripts/system-packages.sh run

sysdeps-test:
	@sh scripts/system-packages.sh test

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
