"""Parsers: lines of a council document into ``storage.parsed`` dataclasses, with no database."""
