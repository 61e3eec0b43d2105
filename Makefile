# The two commands: `make run` and `make test`. Everything else is a helper of these.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
export PIP_DISABLE_PIP_VERSION_CHECK=1

.PHONY: run test bench lint translations demo-large clean sysdeps-run sysdeps-test

run: sysdeps-run $(STAMP)
	$(PY) -m ui.app --demo-if-empty

test: sysdeps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) -m desk.cli.main bench $(BENCH_ARGS)

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
