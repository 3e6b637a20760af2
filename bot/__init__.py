"""Chat adapters, application wiring, settings and the ``boardclerk`` command line."""
