# Quick start: `make check` (set up, validate the example protocols), `make test` (set up, run the tests).
.PHONY: setup check test bench

setup:
	@scripts/setup

check: setup
	.venv/bin/protocol validate protocols/

test:
	@scripts/setup --tests
	.venv/bin/pytest

bench: setup
	.venv/bin/python benchmarks/validate_bench.py --rounds 3 --scale --busy --pool --floor
	.venv/bin/python benchmarks/audit_bench.py
	.venv/bin/python benchmarks/render_bench.py
