"""The ``boardclerk`` command line: one module per command group."""
