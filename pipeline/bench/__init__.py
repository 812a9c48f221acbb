"""Benchmarks (make bench, make bench-scale) and the generator of a large corpus."""
