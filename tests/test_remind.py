"""`python -m readiness remind`: each lead officer's digest, sent to a real SMTP server (aiosmtpd,
started here on a free local port) and read back from it: who gets one and who does not (and
the output says why), the subject's counts, both parts with every action's reference and why,
the link to the lead's own My actions view, nothing sent twice on one day, a dry run that sends
and stores nothing, a refusal part-way, an unreachable server, STARTTLS with a login.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import ipaddress
import json
import ssl
from datetime import date
from html import escape

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from readiness.access.roles import LOCAL_USER, Person, Role
from readiness.cli.main import main
from readiness.palette import Rag
from readiness.plan.importing.committee_dates import short
from readiness.plan.rag import State
from readiness.plan.status import plan_status
from readiness.reminders.digest import ChaseItem, Digest
from readiness.reminders.message import ACTION_TEXT_LIMIT, html_body, text_body
from readiness.settings import Settings
from scripts.serve import free_port
from tests.conftest import AS_AT, store_of, stored_plan
from tests.test_cli import Ran

FROM = "improvement.plan@council.example"
APP_URL = "https://readiness.council.example/"
# Who signs in, and as which of the demo plan's lead officers (its figures at AS_AT: Rebecca
# Hollis 6 overdue, 3 due soon, 6 stale; Neil Garside one of each; Priya Chandran nothing).
REBECCA = "rebecca.hollis@council.example"
NEIL = "neil.garside@council.example"
PRIYA = "priya.chandran@council.example"
JOANNE = "joanne.metcalfe@council.example"  # reminders off
SOPHIE = "sophie.whitcombe@council.example"  # left out with --exclude
NOBODY = "someone.else@council.example"  # a lead name the plan does not hold
VIEWER = "councillor@council.example"  # not a lead officer at all


class Collector:
    """An SMTP server's handler that keeps every message it accepts, and refuses the
    recipients in `refuse` as a mail server refuses an unknown mailbox."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if m["X-Envelope-To"] == address]


@pytest.fixture
def smtp_server():
    """A real SMTP server on a free local port, without TLS (as a relay on the same host)."""
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, collector
    controller.stop()


def configure(tmp_path, monkeypatch, **reminders) -> None:
    """config.toml's [reminders] for the command, named by READINESS_CONFIG as a council does."""
    values = {"from_address": FROM, "app_url": APP_URL, "smtp_starttls": False} | reminders
    lines = ["[reminders]", *(f"{key} = {json.dumps(value)}" for key, value in values.items())]
    config = tmp_path / "config.toml"
    config.write_text("\n".join(lines) + "\n")
    monkeypatch.setenv("READINESS_CONFIG", str(config))
    monkeypatch.delenv("READINESS_SMTP_HOST", raising=False)
    monkeypatch.delenv("READINESS_SMTP_PASSWORD", raising=False)


def to_server(tmp_path, monkeypatch, controller, **reminders) -> None:
    configure(tmp_path, monkeypatch, smtp_host="127.0.0.1", smtp_port=controller.port, **reminders)


def add_people(engine) -> None:
    store = store_of(engine)
    for address, name, lead, on in (
        (REBECCA, "Rebecca Hollis", "rebecca  HOLLIS", True),  # matched ignoring case, spacing
        (NEIL, "Neil Garside", "Neil Garside", True),
        (PRIYA, "Priya Chandran", "Priya Chandran", True),
        (JOANNE, "Joanne Metcalfe", "Joanne Metcalfe", False),
        (SOPHIE, "Sophie Whitcombe", "Sophie Whitcombe", True),
        (NOBODY, "Sam Else", "Sam Else", True),
    ):
        store.add_person(address, name, Role.LEAD, lead, by=LOCAL_USER, reminders=on)
    store.add_person(VIEWER, "Cllr Viewer", Role.VIEWER, by=LOCAL_USER)


def remind(capsys, engine, *args: str, as_at: date | None = AS_AT) -> Ran:
    """Run `python -m readiness remind` in this process on `engine`'s database."""
    capsys.readouterr()
    out = io.StringIO()
    url = engine.url.render_as_string(hide_password=False)
    dated = ["--as-at", as_at.isoformat()] if as_at else []
    code = main(["remind", "--db", url, *dated, *args], out=out)
    captured = capsys.readouterr()
    return Ran(code, out.getvalue() + captured.out, captured.err)


def to_chase(engine, lead: str) -> list:
    """The lead's overdue, due-soon and stale actions as `status --lead` judges them."""
    actions = plan_status(stored_plan(engine), AS_AT, Settings(), lead=lead).actions
    chased = {State.OVERDUE, State.DUE_SOON, State.STALE}
    return [row for row in actions.to_dict("records") if row["state"] in chased]


def parts(message) -> tuple[str, str]:
    """The message's plain text and HTML, as a mail program reads them."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def test_each_lead_gets_one_digest_with_every_action_why_and_their_link(
    engine, smtp_server, tmp_path, monkeypatch, capsys
):
    controller, server = smtp_server
    to_server(tmp_path, monkeypatch, controller)
    add_people(engine)

    ran = remind(capsys, engine, "--send", "--exclude", SOPHIE.upper())

    assert ran.code == 0, ran.err
    # Only the leads with something to chase, reminders on and not excluded; one message each.
    assert sorted(m["X-Envelope-To"] for m in server.messages) == [NEIL, REBECCA]
    for address, lead, counts in (
        (REBECCA, "Rebecca Hollis", "6 overdue, 3 due soon, 6 stale"),
        (NEIL, "Neil Garside", "1 overdue, 1 due soon, 1 stale"),
    ):
        [message] = server.to(address)
        assert message["Subject"] == f"Your plan actions to chase: {counts}"
        assert message["From"] == FROM
        assert message["To"].addresses[0].addr_spec == address
        text, html = parts(message)
        link = f"https://readiness.council.example/my-actions?lead={lead.replace(' ', '+')}"
        link += f"&as_at={AS_AT.isoformat()}"  # judged on another day than today
        assert link in text and escape(link) in html
        chased = to_chase(engine, lead)
        assert len(chased) == sum(int(n.split()[0]) for n in counts.split(", "))
        for row in chased:
            action = short(row["action"], ACTION_TEXT_LIMIT)
            assert row["ref"] in text and row["reason"] in " ".join(text.split())
            assert action[:40] in " ".join(text.split())
            assert escape(action) in html
            # The colour always with its word: the reason starts with it ("Red: due ...").
            why = row["reason"].split(": ", 1)[1]
            assert escape(why) in html
        assert text.index("Overdue") < text.index("Due soon") < text.index("Stale")
        assert f"Sent to {lead} <{address}>: {counts}" in ran.out

    # Everyone else is accounted for, never dropped in silence; the viewer leads nothing.
    assert f"Nothing to chase: Priya Chandran <{PRIYA}>" in ran.out
    assert f"Reminders off: Joanne Metcalfe <{JOANNE}>" in ran.out
    assert f"Left out by --exclude: Sophie Whitcombe <{SOPHIE}>" in ran.out
    assert f"Not in the plan: Sam Else <{NOBODY}> is set up as lead officer 'Sam Else'" in ran.out
    assert VIEWER not in ran.out
    assert ran.out.rstrip().endswith(
        "Sent 2 digests; 1 with nothing to chase; 1 not in the plan; 1 with reminders off; "
        "1 left out by --exclude."
    )
    assert store_of(engine).reminders_sent_on(dt.date.today()) == {REBECCA, NEIL}

    # The same day again (cron retrying, or someone by hand): nothing goes twice.
    again = remind(capsys, engine, "--send", "--exclude", SOPHIE)
    assert again.code == 0, again.err
    assert len(server.messages) == 2
    assert f"Already sent today: Rebecca Hollis <{REBECCA}>" in again.out
    assert f"Already sent today: Neil Garside <{NEIL}>" in again.out
    assert "Sent 0 digests; 2 already sent today" in again.out


def test_a_person_excluded_once_gets_theirs_on_the_next_run(
    demo_engine, smtp_server, tmp_path, monkeypatch, capsys
):
    controller, server = smtp_server
    to_server(tmp_path, monkeypatch, controller)
    add_people(demo_engine)
    assert remind(capsys, demo_engine, "--send", "--exclude", SOPHIE).code == 0
    assert not server.to(SOPHIE)
    ran = remind(capsys, demo_engine, "--send")
    assert ran.code == 0, ran.err
    assert [m["X-Envelope-To"] for m in server.messages[2:]] == [SOPHIE]
    assert not server.to(JOANNE)  # reminders off stays off


def test_a_dry_run_prints_the_digests_and_sends_and_stores_nothing(
    demo_engine, smtp_server, tmp_path, monkeypatch, capsys
):
    controller, server = smtp_server
    to_server(tmp_path, monkeypatch, controller)
    add_people(demo_engine)

    ran = remind(capsys, demo_engine)

    assert ran.code == 0, ran.err
    assert server.messages == []
    assert store_of(demo_engine).reminders_sent_on(dt.date.today()) == set()
    assert "Dry run: nothing is sent or stored" in ran.out
    assert f"To: Rebecca Hollis <{REBECCA}>" in ran.out
    assert "Subject: Your plan actions to chase: 6 overdue, 3 due soon, 6 stale" in ran.out
    assert "Subject: Your plan actions to chase: 1 overdue, 1 due soon, 1 stale" in ran.out
    for row in to_chase(demo_engine, "Neil Garside"):
        assert row["reason"] in " ".join(ran.out.split())
    assert f"To: Priya Chandran <{PRIYA}>" not in ran.out
    assert "Would send 3 digests" in ran.out
    # Dry runs are not sends: the real one afterwards still sends every one.
    assert remind(capsys, demo_engine, "--send").code == 0
    assert len(server.messages) == 3


def test_the_link_follows_the_clock_when_judged_today(demo_engine, tmp_path, monkeypatch, capsys):
    configure(tmp_path, monkeypatch)
    add_people(demo_engine)
    ran = remind(capsys, demo_engine, as_at=None)
    assert ran.code == 0, ran.err
    assert "\nhttps://readiness.council.example/my-actions?lead=Rebecca+Hollis\n" in ran.out
    assert "as_at=" not in ran.out


def test_a_refused_recipient_leaves_the_rest_sent_and_the_next_run_sends_only_theirs(
    demo_engine, smtp_server, tmp_path, monkeypatch, capsys
):
    controller, server = smtp_server
    to_server(tmp_path, monkeypatch, controller)
    add_people(demo_engine)
    server.refuse = {NEIL}

    ran = remind(capsys, demo_engine, "--send")

    assert ran.code == 1
    # People are taken by name: Neil, then Rebecca and Sophie, sent after the refusal.
    assert [m["X-Envelope-To"] for m in server.messages] == [REBECCA, SOPHIE]
    assert f"Not sent to Neil Garside <{NEIL}>" in ran.out
    assert f"127.0.0.1:{controller.port}" in ran.out and "550" in ran.out
    assert "1 refused by the server" in ran.out
    assert store_of(demo_engine).reminders_sent_on(dt.date.today()) == {REBECCA, SOPHIE}

    server.refuse = set()
    again = remind(capsys, demo_engine, "--send")
    assert again.code == 0, again.err
    assert [m["X-Envelope-To"] for m in server.messages] == [REBECCA, SOPHIE, NEIL]


def test_an_unreachable_server_is_named_and_nothing_is_marked(
    demo_engine, tmp_path, monkeypatch, capsys
):
    port = free_port()  # nothing listens on it
    configure(tmp_path, monkeypatch, smtp_host="127.0.0.1", smtp_port=port)
    add_people(demo_engine)
    ran = remind(capsys, demo_engine, "--send")
    assert ran.code == 1
    assert f"could not reach the SMTP server 127.0.0.1:{port}" in ran.err
    assert "Traceback" not in ran.err
    assert store_of(demo_engine).reminders_sent_on(dt.date.today()) == set()


def test_sending_needs_a_server_and_a_from_address(demo_engine, tmp_path, monkeypatch, capsys):
    configure(tmp_path, monkeypatch, from_address="")
    add_people(demo_engine)
    ran = remind(capsys, demo_engine, "--send")
    assert ran.code == 1
    assert "reminders.smtp_host" in ran.err and "READINESS_SMTP_HOST" in ran.err
    assert "reminders.from_address" in ran.err
    # A dry run still shows what would go, and says what sending needs.
    dry = remind(capsys, demo_engine)
    assert dry.code == 0 and "To send them: set reminders.smtp_host" in dry.out


def test_the_environment_names_the_server(demo_engine, smtp_server, tmp_path, monkeypatch, capsys):
    controller, server = smtp_server
    configure(tmp_path, monkeypatch, smtp_host="mail.invalid", smtp_port=controller.port)
    monkeypatch.setenv("READINESS_SMTP_HOST", "127.0.0.1")
    add_people(demo_engine)
    ran = remind(capsys, demo_engine, "--send")
    assert ran.code == 0, ran.err
    assert len(server.messages) == 3


def _certificate(tmp_path):
    """A self-signed certificate for 127.0.0.1, trusted by the client through SSL_CERT_FILE."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    pem, pkcs8 = serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8
    key_path.write_bytes(key.private_bytes(pem, pkcs8, serialization.NoEncryption()))
    return cert_path, key_path


def test_starttls_and_a_login_with_the_password_from_the_environment(
    demo_engine, tmp_path, monkeypatch, capsys
):
    cert, key = _certificate(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        # handled=False: the server itself answers a failure, 535, as a real one does.
        return AuthResult(success=auth_data.password == b"s3cret", handled=False)

    collector = Collector()
    controller = Controller(
        collector,
        hostname="127.0.0.1",
        port=free_port(),
        tls_context=context,
        require_starttls=True,
        authenticator=authenticator,
        auth_required=True,
    )
    controller.start()
    try:
        to_server(tmp_path, monkeypatch, controller, smtp_starttls=True, smtp_username="reminders")
        add_people(demo_engine)
        # Without the password nothing is tried.
        assert "READINESS_SMTP_PASSWORD" in remind(capsys, demo_engine, "--send").err
        monkeypatch.setenv("READINESS_SMTP_PASSWORD", "wrong")
        refused = remind(capsys, demo_engine, "--send")
        assert refused.code == 1 and "refused the login as reminders" in refused.err
        monkeypatch.setenv("READINESS_SMTP_PASSWORD", "s3cret")
        ran = remind(capsys, demo_engine, "--send")
        assert ran.code == 0, ran.err
        assert logins[-1] == (b"reminders", b"s3cret")
        assert sorted(m["X-Envelope-To"] for m in collector.messages) == [NEIL, REBECCA, SOPHIE]
    finally:
        controller.stop()


def test_the_html_escapes_what_the_plan_and_people_hold():
    """An action's text and a person's name are shown as written, never read as markup."""
    hostile = '<script>alert("x")</script> & <b>bold</b>'
    item = ChaseItem(
        ref="REC <1>",
        action=hostile,
        due=date(2026, 3, 14),
        rag=Rag.RED,
        state=State.OVERDUE,
        reason="Red: due 14 Mar 2026, 8 days overdue",
    )
    person = Person("a@council.example", "Ann <O'Hara>", Role.LEAD, "Ann")
    link = 'https://x.example/my-actions?lead=Ann&as_at=2026-03-22"><script>'
    digest = Digest(person, "Ann", date(2026, 3, 22), (item,), link)
    html = html_body(digest, Settings().rag, "Inspection readiness")
    assert "<script>" not in html and "<b>" not in html and "Ann <O'Hara>" not in html
    assert escape(hostile) in html and escape("Ann <O'Hara>") in html
    assert "✖ Red</span> due 14 Mar 2026, 8 days overdue" in html
    text = text_body(digest, Settings().rag, "Inspection readiness")
    assert hostile in text and "✖ Red: due 14 Mar 2026, 8 days overdue" in text
