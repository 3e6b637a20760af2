"""Email inside ``boardclerk run``: the notifier, the web routes and the reply listener."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from aiohttp import web
from aiosmtpd.controller import Controller
from sqlalchemy.orm import Session, sessionmaker

from bot.email.config import mail_config
from bot.email.inbound import Inbound
from bot.email.listener import start_listener
from bot.email.notifier import EmailNotifier
from bot.settings import Settings, SettingsError
from bot.web import email_routes
from bot.web.inbound_routes import register_inbound
from handlers.pipeline import Pipeline
from schedules.notify import FanOutNotifier

log = logging.getLogger(__name__)
# A SendGrid path secret: long enough not to be guessed, and safe in a URL as it is.
SECRET = re.compile(r"[A-Za-z0-9_-]{16,200}")


@dataclass
class Webhooks:
    """Which inbound webhooks are on, and their secrets."""

    max_bytes: int
    mailgun_key: str | None = None
    sendgrid_secret: str | None = None


@dataclass
class EmailService:
    notifier: EmailNotifier
    factory: sessionmaker[Session]
    listener: Controller | None = None
    inbound: Inbound | None = None
    webhooks: Webhooks = field(default_factory=lambda: Webhooks(0))

    def web_routes(self, app: web.Application) -> None:
        email_routes.register(app, self.factory)
        if self.inbound is not None:
            hooks = self.webhooks
            register_inbound(
                app,
                self.inbound,
                max_bytes=hooks.max_bytes,
                mailgun_key=hooks.mailgun_key,
                sendgrid_secret=hooks.sendgrid_secret,
            )

    def stop(self) -> None:
        if self.listener is not None:
            self.listener.stop()


def webhooks(settings: Settings) -> Webhooks:
    """The webhook settings, checked: a SendGrid secret must be long and URL-safe."""
    key = settings.mailgun_signing_key
    secret = settings.sendgrid_parse_secret
    if secret is not None and not SECRET.fullmatch(secret.get_secret_value()):
        raise SettingsError(
            "BOARDCLERK_SENDGRID_PARSE_SECRET: use 16 or more letters, digits, - or _ "
            "(e.g. from `python -c 'import secrets; print(secrets.token_urlsafe())'`)"
        )
    return Webhooks(
        settings.smtp_max_bytes,
        None if key is None else key.get_secret_value(),
        None if secret is None else secret.get_secret_value(),
    )


def start_email(
    settings: Settings,
    factory: sessionmaker[Session],
    pipeline: Pipeline,
    fan_out: FanOutNotifier,
) -> EmailService | None:
    """Joins email to the fan-out when ``BOARDCLERK_SMTP_URL`` is set; takes replies if asked."""
    config = mail_config(settings)
    hooks = webhooks(settings)
    receiving = settings.smtp_listen or hooks.mailgun_key or hooks.sendgrid_secret
    if config is None:
        if receiving:
            raise SettingsError(
                "BOARDCLERK_SMTP_LISTEN and the email webhooks need BOARDCLERK_SMTP_URL "
                "to answer replies"
            )
        return None
    mailer = EmailNotifier(factory, config)
    fan_out.notifiers.append(mailer)
    service = EmailService(mailer, factory, webhooks=hooks)
    if receiving:
        if config.reply_address is None:
            raise SettingsError(
                "BOARDCLERK_SMTP_LISTEN and the email webhooks need BOARDCLERK_REPLY_ADDRESS"
            )
        service.inbound = Inbound(factory, config, pipeline, mailer, fan_out)
    if settings.smtp_listen and service.inbound is not None:
        service.listener = start_listener(
            service.inbound, settings.smtp_listen, settings.smtp_max_bytes
        )
    return service
