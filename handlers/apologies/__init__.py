"""Apologies for absence: read from members' own words, recorded, listed, undone and withdrawn."""

from handlers.apologies.route import register

__all__ = ["register"]
