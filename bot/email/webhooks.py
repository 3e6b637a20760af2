"""Replies posted by an inbound mail service (Mailgun routes, SendGrid Inbound Parse).

Each service has already parsed the mail into form fields; these functions turn
the fields back into an ``EmailMessage`` and the envelope's recipients, so the
reply goes through ``Inbound.receive_message`` exactly as one from the SMTP
listener. Only the headers the pipeline reads are kept (subject, sender,
threading, and the auto-reply markers); attachments are never read. Anything
malformed is a ``WebhookRefused`` with a status and one line.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser, HeaderParser
from email.policy import default
from email.utils import getaddresses
from urllib.parse import parse_qsl

# Mailgun refuses a signature this many seconds old (or this far ahead): no replays.
MAX_AGE_SECONDS = 120
# The headers the reply pipeline reads; nothing else is carried over from a webhook.
KEPT_HEADERS = (
    "Subject",
    "From",
    "To",
    "Date",
    "Message-ID",
    "In-Reply-To",
    "References",
    "Auto-Submitted",
    "Precedence",
    "X-Autoreply",
    "X-Autorespond",
    "X-Auto-Response-Suppress",
)
MAX_FIELDS = 200


class WebhookRefused(ValueError):
    """A post the webhook will not take: ``status`` and a one-line reason."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def read_form(content_type: str, body: bytes) -> dict[str, str]:
    """The text fields of a ``multipart/form-data`` or urlencoded body; file parts are skipped.

    SendGrid names each field's character set in its ``charsets`` field (JSON);
    a part's own ``charset`` wins, then that, then UTF-8.
    """
    kind = content_type.partition(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        try:
            pairs = parse_qsl(
                body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FIELDS
            )
        except ValueError as exc:
            raise WebhookRefused(400, f"unreadable form: {exc}") from None
        return dict(reversed(pairs))  # the first of a repeated name wins
    if kind != "multipart/form-data":
        raise WebhookRefused(415, "expected multipart/form-data or a urlencoded form")
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1", "replace")
    message = BytesParser(policy=default).parsebytes(head + body)
    if not message.is_multipart():
        raise WebhookRefused(400, "unreadable multipart form")
    raw: dict[str, tuple[bytes, str | None]] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or part.get_filename() or name in raw:
            continue  # unnamed, an attachment, or a repeat
        payload = part.get_payload(decode=True)
        raw[name] = (payload if isinstance(payload, bytes) else b"", part.get_content_charset())
        if len(raw) > MAX_FIELDS:
            raise WebhookRefused(400, "too many form fields")
    if not raw:
        raise WebhookRefused(400, "no form fields")
    charsets = _charsets(raw.get("charsets", (b"", None))[0])
    return {name: _decode(value, own or charsets.get(name)) for name, (value, own) in raw.items()}


def _charsets(value: bytes) -> dict[str, str]:
    try:
        found = json.loads(value or b"{}")
    except ValueError:
        return {}
    if not isinstance(found, dict):
        return {}
    return {str(k): str(v) for k, v in found.items() if isinstance(v, str)}


def _decode(value: bytes, charset: str | None) -> str:
    try:
        return value.decode(charset or "utf-8", "replace")
    except LookupError:  # a charset Python does not know
        return value.decode("utf-8", "replace")


def verify_mailgun(key: str, fields: Mapping[str, str], now: float) -> str:
    """Mailgun's HMAC-SHA256 of timestamp + token under the signing key; the token if good."""
    timestamp, token = fields.get("timestamp", ""), fields.get("token", "")
    signature = fields.get("signature", "")
    if not (timestamp.isdigit() and token and signature):
        raise WebhookRefused(401, "missing timestamp, token or signature")
    expected = hmac.new(key.encode(), (timestamp + token).encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature.strip().lower()):
        raise WebhookRefused(401, "bad signature")
    if abs(now - int(timestamp)) > MAX_AGE_SECONDS:
        raise WebhookRefused(401, "signature timestamp older than 2 minutes")
    return token


def _with_headers(headers: list[tuple[str, str]], body: str, subtype: str) -> EmailMessage:
    message = EmailMessage()
    wanted = {name.lower(): name for name in KEPT_HEADERS}
    for name, value in headers:
        kept = wanted.get(name.strip().lower())
        if kept is None or not value.strip() or message[kept] is not None:
            continue
        try:
            message[kept] = " ".join(value.split())
        except (ValueError, TypeError, IndexError):
            continue  # a header Python cannot read is not one we need
    message.set_content(body, subtype=subtype)
    return message


def mailgun_message(fields: Mapping[str, str]) -> tuple[EmailMessage, list[str]]:
    """A Mailgun route's post as a message and its envelope recipient."""
    recipients = _addresses(fields.get("recipient", ""))
    if not recipients:
        raise WebhookRefused(406, "no recipient")
    try:
        pairs = json.loads(fields.get("message-headers") or "[]")
    except ValueError:
        raise WebhookRefused(406, "message-headers is not JSON") from None
    if not isinstance(pairs, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in pairs
    ):
        raise WebhookRefused(406, "message-headers is not a list of [name, value] pairs")
    headers = [(name, value) for name, value in pairs]
    headers += [("Subject", fields.get("subject", "")), ("From", fields.get("from", ""))]
    body = fields.get("body-plain") or fields.get("stripped-text") or ""
    return _with_headers(headers, body, "plain"), recipients


def sendgrid_message(fields: Mapping[str, str]) -> tuple[EmailMessage, list[str]]:
    """A SendGrid Inbound Parse post as a message and its envelope recipients."""
    recipients: list[str] = []
    if fields.get("envelope"):
        try:
            envelope = json.loads(fields["envelope"])
        except ValueError:
            raise WebhookRefused(406, "envelope is not JSON") from None
        to = envelope.get("to") if isinstance(envelope, dict) else None
        if not isinstance(to, list) or not all(isinstance(x, str) for x in to):
            raise WebhookRefused(406, "envelope has no list of recipients")
        recipients = [address for x in to for address in _addresses(x)]
    else:
        recipients = _addresses(fields.get("to", ""))
    if not recipients:
        raise WebhookRefused(406, "no recipient")
    parsed = HeaderParser(policy=default).parsestr(fields.get("headers", "") + "\n\n")
    headers = [(str(name), str(value)) for name, value in parsed.items()]
    headers += [("Subject", fields.get("subject", "")), ("From", fields.get("from", ""))]
    if fields.get("text"):
        return _with_headers(headers, fields["text"], "plain"), recipients
    return _with_headers(headers, fields.get("html", ""), "html"), recipients


def _addresses(value: str) -> list[str]:
    """The bare addresses in a header-like list ("A <a@x>, b@y")."""
    found = []
    for _, address in getaddresses([value]):
        if address.count("@") == 1:
            try:
                found.append(Address(addr_spec=address).addr_spec)
            except (ValueError, IndexError):
                continue
    return found
