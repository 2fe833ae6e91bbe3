"""Models of concerto.strategy (see the issue and docs/ARCHITECTURE.md)."""
