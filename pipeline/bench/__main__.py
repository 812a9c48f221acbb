"""`python -m pipeline.bench` (make bench, make bench-scale)."""

from pipeline.bench.benchmark import main

raise SystemExit(main())
