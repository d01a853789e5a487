# Everything a fresh machine needs is installed from here (venv + pyproject).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= communique-store
HOST   ?= 127.0.0.1
PORT   ?= 7878

.PHONY: install run test lint bench ontology-check docs clean

$(BIN)/communique: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/communique

## Build the graph from data/ into the embedded store, show what it holds, then serve it.
run: install
	$(BIN)/communique --store $(STORE) ingest data/
	$(BIN)/communique --store $(STORE) stats
	$(BIN)/communique --store $(STORE) query officials
	$(BIN)/communique --store $(STORE) query events
	$(BIN)/communique --store $(STORE) serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check src tests bench

test: lint
	$(BIN)/pytest -q

bench: install
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) $(STORE) build *.egg-info src/*.egg-info

## Quality checks of the ontology (ROBOT-report / OOPS!-style SPARQL in ontology/checks/).
ontology-check: install
	$(BIN)/python -m communique.ontology_check ontology/communique.ttl ontology/alignment.ttl

## HTML documentation of the ontology (pyLODE, pinned in the `docs` extra).
docs: install
	$(BIN)/pip install --quiet -e '.[dev,docs]'
	mkdir -p docs
	$(BIN)/python -m pylode ontology/communique.ttl --profile ontpub --outputfile docs/ontology.html
