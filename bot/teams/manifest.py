"""The Teams app package: manifest.json and its two icons, zipped, ready to upload.

The icons are drawn here (a white ring on the accent colour, and its outline
on transparency) with zlib and struct: two small PNGs did not justify an
imaging library as a dependency.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from typing import Any

from bot.teams.commands import PICKER

MANIFEST_SCHEMA = (
    "https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json"
)
ACCENT = (0x1F, 0x4E, 0x79)
COMMAND_SCOPES = ["personal", "team", "groupChat"]


def manifest(app_id: str, website: str, version: str) -> dict[str, Any]:
    """The manifest for a bot registered as ``app_id``; ``website`` hosts privacy and terms."""
    site = website.rstrip("/")
    return {
        "$schema": MANIFEST_SCHEMA,
        "manifestVersion": "1.17",
        "version": version,
        "id": app_id,
        "developer": {
            "name": "Board Clerk",
            "websiteUrl": site,
            "privacyUrl": f"{site}/privacy",
            "termsOfUseUrl": f"{site}/terms",
        },
        "name": {"short": "Board Clerk", "full": "Board Clerk for council boards"},
        "description": {
            "short": "Meetings, agendas, decisions and apologies for your board.",
            "full": (
                "Board Clerk answers questions about your board's meetings and past "
                "decisions with the resolution quoted as printed, collects apologies for "
                "absence and reminds members of meetings and outstanding actions."
            ),
        },
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": "#{:02X}{:02X}{:02X}".format(*ACCENT),
        "bots": [
            {
                "botId": app_id,
                "scopes": COMMAND_SCOPES,
                "supportsFiles": False,
                "isNotificationOnly": False,
                "commandLists": [
                    {
                        "scopes": COMMAND_SCOPES,
                        "commands": [
                            {"title": title, "description": description}
                            for title, description in PICKER.items()
                        ],
                    }
                ],
            }
        ],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": [],
    }


def _png(size: int, pixel: Any) -> bytes:
    """An RGBA PNG whose pixel at (x, y) is ``pixel(x, y)``."""
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(size)) for y in range(size)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def _ring(size: int, x: int, y: int) -> bool:
    centre = (size - 1) / 2
    distance = ((x - centre) ** 2 + (y - centre) ** 2) ** 0.5
    return bool(size * 0.28 <= distance <= size * 0.40)


def color_icon() -> bytes:
    """192×192: a white ring on the accent colour."""
    return _png(192, lambda x, y: (255, 255, 255, 255) if _ring(192, x, y) else (*ACCENT, 255))


def outline_icon() -> bytes:
    """32×32: the white ring on transparency, as Teams requires of outline icons."""
    return _png(32, lambda x, y: (255, 255, 255, 255) if _ring(32, x, y) else (0, 0, 0, 0))


def package(app_id: str, website: str, version: str = "1.0.0") -> bytes:
    """The zip Teams' "Upload a custom app" takes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest(app_id, website, version), indent=2))
        archive.writestr("color.png", color_icon())
        archive.writestr("outline.png", outline_icon())
    return buffer.getvalue()
