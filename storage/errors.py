"""The one error type for bad input from a person, whatever layer notices it."""

from __future__ import annotations


class InvalidInput(ValueError):
    """Bad input (an unknown board, an invalid date); the message is one line for the user.

    Raised inside a unit of work it rolls the whole unit back, so nothing is written.
    """
