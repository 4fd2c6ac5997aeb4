"""Benchmarks of framing against its peers (not part of the package; see README.md)."""
