"""A run: inputs to a dataset. Engines (this process, processes, Dask), the cache, records spilled to disk
until the merge, and everything about processes (pickling, the garbage collector). No stage imports this."""
