"""Models of concerto.followup (see the issue and docs/ARCHITECTURE.md)."""
