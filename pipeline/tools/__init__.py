"""Tools for developers: corpus generation for benchmarks and scale tests."""
