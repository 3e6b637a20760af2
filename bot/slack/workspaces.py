"""Which token reaches a member's workspace: its installation's bot token, else the one token.

With several workspaces installed (OAuth), a reminder or notice to a member
must go through the token of the workspace their chat identity belongs to;
the tokens live in slack_sdk's installation store. With a single
``SLACK_BOT_TOKEN`` (or a workspace not known yet) the default client is used.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import InstallationStore

log = logging.getLogger(__name__)


class Workspaces:
    """A Web API client per workspace, made once per bot token and reused."""

    def __init__(
        self,
        default: WebClient | None,
        installations: InstallationStore | None = None,
        make_client: Callable[[str], WebClient] | None = None,
    ) -> None:
        self.default = default
        self.installations = installations
        self.make_client = make_client or (lambda token: WebClient(token=token))
        self._clients: dict[str, WebClient] = {}
        self._lock = threading.Lock()

    def client(self, team_id: str | None) -> WebClient | None:
        """The client for ``team_id``'s installation, else the default (None: no way in)."""
        token = self._installed_token(team_id)
        if token is None:
            return self.default
        with self._lock:
            if token not in self._clients:
                self._clients[token] = self.make_client(token)
            return self._clients[token]

    def _installed_token(self, team_id: str | None) -> str | None:
        if team_id is None or self.installations is None:
            return None
        bot = self.installations.find_bot(enterprise_id=None, team_id=team_id)
        if bot is None or not bot.bot_token:
            log.warning("Slack workspace %s is not installed", team_id)
            return None
        return bot.bot_token
