"""psp's benchmark harness (issue 8): ``python benchmarks/run.py`` (``--quick`` for CI).

Not part of the installed package. ``data`` builds deterministic data sets through psp's
public commands, ``peers`` holds the pydantic and msgspec models psp is compared with,
and ``run`` registers the benchmarks and the ratios, runs them and prints the table.
"""
