"""``boardclerk teams manifest`` and ``member link --teams`` at the terminal."""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.teams.commands import COMMANDS, PICKER, PICKER_LIMIT, split_command
from storage.models import ChatIdentity
from tests.bot.cli_runner import Boardclerk
from tests.conftest import Database

APP_ID = "6f1c2a4e-1b2c-4d5e-8f90-0a1b2c3d4e5f"


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_package_holds_a_manifest_for_the_bot_and_two_icons_of_the_right_size(
    boardclerk_sqlite: Boardclerk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MICROSOFT_APP_ID", APP_ID)

    boardclerk_sqlite.ok(
        "teams", "manifest", "--website", "https://clerk.harwick.gov.uk", "--out", str(tmp_path)
    )

    with zipfile.ZipFile(tmp_path / "boardclerk-teams.zip") as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(archive.read("manifest.json"))
        assert png_size(archive.read("color.png")) == (192, 192)
        assert png_size(archive.read("outline.png")) == (32, 32)
    assert manifest["id"] == APP_ID
    [bot] = manifest["bots"]
    assert bot["botId"] == APP_ID
    assert set(bot["scopes"]) == {"personal", "team", "groupChat"}
    titles = [c["title"] for c in bot["commandLists"][0]["commands"]]
    assert "next-meeting" in titles and "ask" in titles
    assert manifest["developer"]["privacyUrl"] == "https://clerk.harwick.gov.uk/privacy"


def test_the_package_needs_the_app_id(
    boardclerk_sqlite: Boardclerk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MICROSOFT_APP_ID", raising=False)

    out = tmp_path / "package"
    outcome = boardclerk_sqlite(
        "teams", "manifest", "--website", "https://x.gov.uk", "--out", str(out)
    )

    assert outcome.exit_code == 2
    assert "MICROSOFT_APP_ID" in outcome.stderr
    assert not out.exists()


def test_a_member_is_linked_by_their_entra_object_id(boardclerk: Boardclerk, db: Database) -> None:
    boardclerk.ok("board", "add", "Corporate Parenting Board")
    boardclerk.ok("member", "add", "Councillor J Walker", "--board", "Corporate Parenting Board")

    boardclerk.ok("member", "link", "Councillor J Walker", "--teams", APP_ID)

    with db.factory() as session:
        identity = session.scalars(select(ChatIdentity)).one()
        assert (identity.platform, identity.user_id) == ("teams", APP_ID)


def test_the_picker_offers_at_most_ten_commands_and_the_rest_work_when_typed() -> None:
    assert len(PICKER) <= PICKER_LIMIT == 10 and "help" in PICKER and "digest" not in PICKER
    assert "digest" in COMMANDS
    assert split_command("digest off") == ("digest", "off")
