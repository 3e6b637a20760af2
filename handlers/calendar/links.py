"""Where the feeds live: the paths the web server serves, and full URLs when the address is known."""

from __future__ import annotations

from dataclasses import dataclass

from storage.calendar import board_slug

BOARD_PATH = "/calendar/{slug}.ics"
PERSONAL_PATH = "/calendar/me/{token}.ics"


@dataclass(frozen=True)
class FeedLinks:
    """``public_url`` is BOARDCLERK_PUBLIC_URL (e.g. https://boardclerk.example.gov.uk)."""

    public_url: str | None = None

    def _full(self, path: str) -> str:
        return f"{self.public_url.rstrip('/')}{path}" if self.public_url else path

    def board(self, name: str) -> str:
        return self._full(BOARD_PATH.format(slug=board_slug(name)))

    def personal(self, token: str) -> str:
        return self._full(PERSONAL_PATH.format(token=token))
