"""Load and crash benchmarks (see bench/RESULTS.md). Not imported by the application."""
