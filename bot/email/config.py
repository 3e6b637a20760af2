"""The mail settings, read once and checked: a bad URL is a one-line error at start-up."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from bot.settings import Settings, SettingsError

SCHEMES = {
    "smtp": (25, False, False),
    "smtp+starttls": (587, False, True),
    "smtps": (465, True, False),
}


@dataclass(frozen=True)
class MailConfig:
    """How to reach the relay, who mail is from and where replies go."""

    host: str
    port: int
    use_tls: bool
    start_tls: bool
    username: str | None
    password: str | None
    mail_from: str
    reply_address: str | None = None
    public_url: str | None = None

    def reply_to(self, token: str) -> str | None:
        """``apologies+<token>@domain`` from ``apologies@domain``; None when replies are off."""
        if self.reply_address is None:
            return None
        local, _, domain = self.reply_address.partition("@")
        return f"{local}+{token}@{domain}"

    @property
    def reply_domain(self) -> str | None:
        return None if self.reply_address is None else self.reply_address.partition("@")[2].lower()

    @property
    def reply_local(self) -> str | None:
        return None if self.reply_address is None else self.reply_address.partition("@")[0].lower()


def mail_config(settings: Settings) -> MailConfig | None:
    """The mail settings, or None when ``BOARDCLERK_SMTP_URL`` is unset."""
    if settings.smtp_url is None:
        return None
    url = urlsplit(settings.smtp_url.get_secret_value())
    if url.scheme not in SCHEMES or not url.hostname:
        raise SettingsError(
            "BOARDCLERK_SMTP_URL: use smtp://host:25, smtp+starttls://user:pass@host:587 "
            "or smtps://host:465"
        )
    if not settings.mail_from or "@" not in settings.mail_from:
        raise SettingsError("BOARDCLERK_MAIL_FROM: set the address mail is sent from")
    reply = settings.reply_address
    if reply is not None and (reply.count("@") != 1 or "+" in reply):
        raise SettingsError(
            f"BOARDCLERK_REPLY_ADDRESS={reply!r}: one plain address, e.g. apologies@example.gov.uk"
        )
    port, tls, starttls = SCHEMES[url.scheme]
    return MailConfig(
        host=url.hostname,
        port=url.port or port,
        use_tls=tls,
        start_tls=starttls,
        username=unquote(url.username) if url.username else None,
        password=unquote(url.password) if url.password else None,
        mail_from=settings.mail_from,
        reply_address=reply,
        public_url=settings.public_url,
    )
