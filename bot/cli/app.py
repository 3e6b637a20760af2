"""The ``boardclerk`` application: each command's module is imported when it is first used.

Importing every command eagerly cost more than a second at each start (``run``
alone pulls in the chat SDKs and the web server), paid by every ``boardclerk
import``. So the app's group knows its commands by name only and builds one, by
importing its module and calling that module's ``register``, when it is looked
up: to run it, or to show it in ``--help``.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Iterator, MutableMapping
from typing import Any

import typer
from typer import _click  # typer's own copy of click: the types its groups use
from typer.core import TyperGroup

# The ``member`` group gathers commands from several modules. Any of its modules loads
# them all, in this order, so the group lists its commands the same way whichever
# command a process looked up first.
_MEMBER = (
    "directory_cmds",
    "calendar_cmds",
    "email_cmds",
    "attendance_cmds",
    "absence_cmds",
    "privacy_cmds",
)

# Every command, in the order ``--help`` lists them, and the modules of ``bot.cli``
# that define it (tests/bot/test_cli_app.py checks this against what they register).
COMMANDS: dict[str, tuple[str, ...]] = {
    "info": ("database_cmds",),
    "export": ("directory_cmds",),
    "import": ("import_cmd",),
    "say": ("conversation_cmds",),
    "chat": ("conversation_cmds",),
    "demo": ("conversation_cmds",),
    "apologies": ("apologies_cmds",),
    "attendance": _MEMBER,
    "reminders": ("reminder_cmds",),
    "review": ("review_cmd",),
    "run": ("run_cmd",),
    "sync": ("source_cmds",),
    "db": ("database_cmds",),
    "board": ("directory_cmds",),
    "member": _MEMBER,
    "meeting": ("directory_cmds",),
    "action": ("action_cmds",),
    "calendar": _MEMBER,
    "console": ("console_cmds",),
    "email": _MEMBER,
    "source": ("source_cmds",),
    "teams": ("teams_cmds",),
}

# Where the modules register their commands as they load: each module once a process.
_defined = typer.Typer()
_registered: set[str] = set()
# Set by ``main``, whose process runs one command and ends: see ``_build``.
_one_command = False


def load(modules: tuple[str, ...]) -> list[str]:
    """Import and register ``modules`` (those not yet registered); the names defined so far."""
    loaded = [(name, importlib.import_module(f"bot.cli.{name}")) for name in modules]
    for name, module in loaded:
        if name not in _registered:
            module.register(_defined)
            _registered.add(name)
    commands = [str(command.name) for command in _defined.registered_commands]
    return commands + [str(group.name) for group in _defined.registered_groups]


def _build(name: str) -> _click.Command:
    """The click command of one registered command or group, as typer builds its app's.

    In a process that runs one command, what loading it creates (modules, classes, the
    ORM's and pydantic's structures) lives until the process ends: the garbage
    collector is paused while it loads and then leaves it be (``gc.freeze``), rather
    than walk it again and again for nothing (about a tenth of start-up).
    """
    if _one_command:
        gc.disable()
    load(COMMANDS[name])
    if _one_command:
        gc.freeze()
        gc.enable()
    for command in _defined.registered_commands:
        if command.name == name:
            return typer.main.get_command_from_info(
                command,
                pretty_exceptions_short=_defined.pretty_exceptions_short,
                rich_markup_mode=_defined.rich_markup_mode,
            )
    group = next(group for group in _defined.registered_groups if group.name == name)
    return typer.main.get_group_from_info(
        group,
        pretty_exceptions_short=_defined.pretty_exceptions_short,
        rich_markup_mode=_defined.rich_markup_mode,
        suggest_commands=_defined.suggest_commands,
    )


class _Commands(MutableMapping[str, _click.Command]):
    """The app's commands by name, each built the first time it is looked up."""

    def __init__(self) -> None:
        self._names = list(COMMANDS)
        self._built: dict[str, _click.Command] = {}

    def __getitem__(self, name: str) -> _click.Command:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built[name] = _build(name)
        return self._built[name]

    def __setitem__(self, name: str, command: _click.Command) -> None:
        if name not in self._names:
            self._names.append(name)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._names.remove(name)
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


class _LazyGroup(TyperGroup):
    """A typer group whose commands are built on first use."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Commands()

    def list_commands(self, ctx: _click.Context) -> list[str]:
        # Names only: typer's own version builds every command to list them.
        return list(self.commands)


app = typer.Typer(
    name="boardclerk",
    help="Board Clerk: meetings, agendas, decisions, apologies and reminders for council boards.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=_LazyGroup,
)


@app.callback()
def _group() -> None:
    # Nothing to do before a command; with no command registered up front, the
    # callback is what makes typer build the app as a group.
    pass


def main() -> None:
    global _one_command
    _one_command = True
    app()
