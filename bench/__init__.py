"""wmdctl benchmarks: run them all with `.venv/bin/python bench/run.py` (see bench/README.md)."""
