"""Sending the digests over SMTP: the server's settings (config.toml's [reminders], with the host
and the password from the environment), and one connection for a run's messages, opened only
when there is something to send. A failure is said with the server's host:port and what to do.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from readiness.settings import ReminderSettings

HOST_ENV = "READINESS_SMTP_HOST"
# The password is never in config.toml, which is often kept with the code.
PASSWORD_ENV = "READINESS_SMTP_PASSWORD"
TIMEOUT_SECONDS = 30  # a mail server that has not answered by then is not going to


class SendError(Exception):
    """The server could not be reached, or refused the run: nothing more can be sent."""


class RecipientRefused(Exception):
    """The server refused one message's recipient: the others can still be sent."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    starttls: bool
    username: str
    password: str
    from_address: str

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"

    def missing(self) -> list[str]:
        """What must be set before anything can be sent, in words."""
        missing = []
        if not self.host:
            missing.append(f"reminders.smtp_host in config.toml (or {HOST_ENV})")
        if not self.from_address:
            missing.append("reminders.from_address in config.toml")
        if self.username and not self.password:
            missing.append(f"{PASSWORD_ENV} (reminders.smtp_username is set)")
        return missing


def smtp_settings(reminders: ReminderSettings, environ: Mapping[str, str]) -> SmtpSettings:
    """The server to send through: the settings, the host overridden by $READINESS_SMTP_HOST,
    the password only from $READINESS_SMTP_PASSWORD."""
    return SmtpSettings(
        host=(environ.get(HOST_ENV) or reminders.smtp_host).strip(),
        port=reminders.smtp_port,
        starttls=reminders.smtp_starttls,
        username=reminders.smtp_username.strip(),
        password=environ.get(PASSWORD_ENV, ""),
        from_address=reminders.from_address.strip(),
    )


class Mailer:
    """One SMTP connection for a run, opened on the first message and closed on leaving."""

    def __init__(self, smtp: SmtpSettings):
        self.smtp = smtp
        self._connection: smtplib.SMTP | None = None

    def __enter__(self) -> Mailer:
        return self

    def __exit__(self, *exc) -> None:
        if self._connection is not None:
            try:
                self._connection.quit()
            except (smtplib.SMTPException, OSError):
                self._connection.close()  # every message was already accepted or refused

    def _connected(self) -> smtplib.SMTP:
        if self._connection is None:
            self._connection = self._connect()
        return self._connection

    def _connect(self) -> smtplib.SMTP:
        smtp = self.smtp
        try:
            connection = smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT_SECONDS)
        except (OSError, smtplib.SMTPException) as error:
            raise SendError(
                f"could not reach the SMTP server {smtp.server}: {_said(error)}"
            ) from None
        try:
            if smtp.starttls:
                connection.starttls(context=ssl.create_default_context())
            if smtp.username:
                connection.login(smtp.username, smtp.password)
        except smtplib.SMTPNotSupportedError:
            connection.close()
            raise SendError(
                f"the SMTP server {smtp.server} does not offer STARTTLS: use the port that "
                "does, or set reminders.smtp_starttls = false for a relay on this machine"
            ) from None
        except smtplib.SMTPAuthenticationError as error:
            connection.close()
            raise SendError(
                f"the SMTP server {smtp.server} refused the login as {smtp.username}: "
                f"{_said(error)}; check {PASSWORD_ENV}"
            ) from None
        except (OSError, smtplib.SMTPException) as error:
            connection.close()
            raise SendError(f"the SMTP server {smtp.server} refused: {_said(error)}") from None
        return connection

    def send(self, message: EmailMessage) -> None:
        """Hand `message` to the server; returns once the server has accepted it."""
        del message["Date"], message["Message-ID"]
        message["Date"] = formatdate(localtime=True)
        message["Message-ID"] = make_msgid(domain=self.smtp.from_address.rpartition("@")[2])
        try:
            self._connected().send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            raise RecipientRefused(
                f"the SMTP server {self.smtp.server} refused {message['To']}: "
                + "; ".join(_said(e) for e in error.recipients.values())
            ) from None
        except (OSError, smtplib.SMTPException) as error:
            raise SendError(f"the SMTP server {self.smtp.server} refused: {_said(error)}") from None


def _said(error: Exception | tuple) -> str:
    """A server's reply (code and text) or a connection error, in one line."""
    if isinstance(error, tuple):  # (code, message) as SMTPRecipientsRefused lists them
        code, text = error
    elif isinstance(error, smtplib.SMTPResponseException):
        code, text = error.smtp_code, error.smtp_error
    else:
        return str(error) or type(error).__name__
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {' '.join(str(text).split())}"
