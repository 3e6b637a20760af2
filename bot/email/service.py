"""Email inside ``boardclerk run``: the notifier, the web routes and the reply listener."""

from __future__ import annotations

import datetime as dt
import logging
import re
import uuid
from dataclasses import dataclass, field

from aiohttp import web
from aiosmtpd.controller import Controller
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.orm import Session, sessionmaker

from bot.email.config import mail_config
from bot.email.inbound import Inbound
from bot.email.listener import start_listener
from bot.email.notifier import EmailNotifier
from bot.email.outbox import FLUSH_EVERY
from bot.settings import Settings, SettingsError
from bot.web import email_routes
from bot.web.inbound_routes import register_inbound
from handlers.pipeline import Pipeline
from schedules.notify import FanOutNotifier
from schedules.scheduler import background_scheduler

log = logging.getLogger(__name__)
# A SendGrid path secret: long enough not to be guessed, and safe in a URL as it is.
SECRET = re.compile(r"[A-Za-z0-9_-]{16,200}")
_SERVICES: dict[str, EmailService] = {}


def run_flush(service_id: str) -> None:
    """The scheduled job: retries the outbox's due emails (``bot.email.outbox``)."""
    service = _SERVICES.get(service_id)
    if service is None:
        return
    try:
        report = service.notifier.outbox.flush(dt.datetime.now(dt.UTC))
    except Exception:
        log.exception("email outbox flush failed")
        return
    if report.sent or report.failed:
        log.info("email outbox: %d sent, %d failed", len(report.sent), len(report.failed))


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
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    scheduler: BackgroundScheduler | None = None

    def start_flushing(self) -> None:
        """Retries the outbox every ``FLUSH_EVERY`` in a background thread, first at once."""
        _SERVICES[self.id] = self
        scheduler = background_scheduler(threads=1, misfire_grace_time=60)
        scheduler.add_job(
            "bot.email.service:run_flush",
            IntervalTrigger(seconds=FLUSH_EVERY.total_seconds(), timezone=dt.UTC),
            args=[self.id],
            id=f"email-outbox-{self.id}",
            next_run_time=dt.datetime.now(dt.UTC),
        )
        scheduler.start()
        self.scheduler = scheduler

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
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
            self.scheduler = None
        _SERVICES.pop(self.id, None)
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
    service.start_flushing()
    return service
