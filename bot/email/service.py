"""Email inside ``boardclerk run``: the notifier, the unsubscribe route and the reply listener."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiohttp import web
from aiosmtpd.controller import Controller
from sqlalchemy.orm import Session, sessionmaker

from bot.email.config import mail_config
from bot.email.inbound import Inbound
from bot.email.listener import start_listener
from bot.email.notifier import EmailNotifier
from bot.settings import Settings, SettingsError
from bot.web import email_routes
from handlers.pipeline import Pipeline
from schedules.notify import FanOutNotifier

log = logging.getLogger(__name__)


@dataclass
class EmailService:
    notifier: EmailNotifier
    factory: sessionmaker[Session]
    listener: Controller | None = None

    def web_routes(self, app: web.Application) -> None:
        email_routes.register(app, self.factory)

    def stop(self) -> None:
        if self.listener is not None:
            self.listener.stop()


def start_email(
    settings: Settings,
    factory: sessionmaker[Session],
    pipeline: Pipeline,
    fan_out: FanOutNotifier,
) -> EmailService | None:
    """Joins email to the fan-out when ``BOARDCLERK_SMTP_URL`` is set; listens if asked to."""
    config = mail_config(settings)
    if config is None:
        if settings.smtp_listen:
            raise SettingsError(
                "BOARDCLERK_SMTP_LISTEN needs BOARDCLERK_SMTP_URL to answer replies"
            )
        return None
    mailer = EmailNotifier(factory, config)
    fan_out.notifiers.append(mailer)
    service = EmailService(mailer, factory)
    if settings.smtp_listen:
        if config.reply_address is None:
            raise SettingsError("BOARDCLERK_SMTP_LISTEN needs BOARDCLERK_REPLY_ADDRESS")
        inbound = Inbound(factory, config, pipeline, mailer, fan_out)
        service.listener = start_listener(inbound, settings.smtp_listen, settings.smtp_max_bytes)
    return service
