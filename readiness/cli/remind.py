"""`python -m readiness remind`: each lead officer's digest of the actions to chase, printed (the
default: nothing is sent or stored) or, with --send, emailed and noted as sent today, so a
re-run the same day (cron retrying, someone running it by hand) sends nobody a second one.

Each digest is noted the moment the server accepts it: a run stopped part-way (the server gone,
the network down) leaves what it sent noted, and the next run sends only the rest.
"""

from __future__ import annotations

import os
from datetime import date

from readiness.access.roles import Person, command_line
from readiness.cli.database import open_store, stored_plan
from readiness.reminders.digest import Digest, Recipients, choose_recipients
from readiness.reminders.message import counts_in_words, email_message, subject, text_body
from readiness.reminders.smtp import (
    Mailer,
    RecipientRefused,
    SendError,
    SmtpSettings,
    smtp_settings,
)
from readiness.settings import RagSettings
from readiness.store import Store
from readiness.text import format_date, plural


def run_remind(args, settings, out) -> int:
    smtp = smtp_settings(settings.reminders, os.environ)
    if args.send and (missing := smtp.missing()):
        raise SystemExit("error: cannot send reminders: set " + " and ".join(missing))
    store = open_store(args, settings)
    plan = stored_plan(store)
    # The day the digests go out on, read here as the command line reads the clock for --as-at:
    # "sent today" is about when, whatever date the actions are judged at.
    today = date.today()
    chosen = choose_recipients(
        plan,
        store.people(),
        args.day,
        settings,
        exclude=args.exclude,
        # A digest judged on another day links to the view on that day; else the view follows
        # the clock, so a reminder opened later in the week shows the position then.
        link_as_at=None if args.day == today else args.day,
    )
    sent_today = store.reminders_sent_on(today)
    due = [d for d in chosen.digests if d.person.email not in sent_today]
    print(f"Reminders to lead officers, their actions as at {format_date(args.day)}", file=out)
    council = settings.branding.council_name or plan.council
    signed = settings.branding.app_title + (f", {council}" if council else "")
    if args.send:
        print(file=out)
        sent = _send(due, smtp, settings.rag, signed, store, today, out)
    else:
        print("Dry run: nothing is sent or stored (add --send to send them).", file=out)
        for digest in due:
            _print_digest(digest, smtp, settings.rag, signed, out)
        sent = len(due)
    print(file=out)
    for line in _left_out(chosen, sent_today):
        print(line, file=out)
    already = len(chosen.digests) - len(due)
    print(_summary(chosen, sent, len(due) - sent, already, args.send), file=out)
    if not args.send and smtp.missing():
        print("To send them: set " + " and ".join(smtp.missing()) + ".", file=out)
    return 0 if sent == len(due) else 1


def _who(person: Person) -> str:
    return f"{person.name} <{person.email}>"


def _print_digest(digest: Digest, smtp: SmtpSettings, rules: RagSettings, signed: str, out) -> None:
    print("", "-" * 72, file=out, sep="\n")
    if smtp.from_address:
        print(f"From: {smtp.from_address}", file=out)
    print(f"To: {_who(digest.person)}", f"Subject: {subject(digest)}", "", sep="\n", file=out)
    print(text_body(digest, rules, signed), end="", file=out)


def _send(
    due: list[Digest],
    smtp: SmtpSettings,
    rules: RagSettings,
    signed: str,
    store: Store,
    today: date,
    out,
) -> int:
    """Send each digest, noting it as sent as soon as the server accepts it; how many went."""
    sent = 0
    by = command_line()
    with Mailer(smtp) as mailer:
        for digest in due:
            message = email_message(digest, smtp.from_address, rules, signed)
            try:
                mailer.send(message)
            except RecipientRefused as error:
                print(f"Not sent to {_who(digest.person)}: {error}", file=out)
                continue
            except SendError as error:
                raise SystemExit(
                    f"error: {error}. {plural(sent, 'digest')} sent before it stopped; the "
                    "next run sends only the rest."
                ) from None
            store.mark_reminder_sent(digest.person.email, today, len(digest.items), by=by)
            sent += 1
            print(f"Sent to {_who(digest.person)}: {counts_in_words(digest)}", file=out)
    return sent


def _left_out(chosen: Recipients, sent_today: set[str]) -> list[str]:
    """A line for everyone who gets nothing from this run, and why, most pressing first."""
    lines = [
        f"Not in the plan: {_who(p)} is set up as lead officer {p.lead_name!r}, whom the plan "
        "does not name; nothing sent (correct their lead name)"
        for p in chosen.not_in_plan
    ]
    lines += [
        f"Already sent today: {_who(d.person)}"
        for d in chosen.digests
        if d.person.email in sent_today
    ]
    lines += [f"Nothing to chase: {_who(p)}" for p in chosen.nothing_to_chase]
    lines += [f"Reminders off: {_who(p)}" for p in chosen.reminders_off]
    lines += [f"Left out by --exclude: {_who(p)}" for p in chosen.excluded]
    lines += [
        f"--exclude {email}: nobody signs in with that address" for email in chosen.unknown_excluded
    ]
    return lines


def _summary(chosen: Recipients, sent: int, refused: int, already: int, send: bool) -> str:
    """One line: how many digests went (or would go), and how many people got none, and why."""
    done = f"Sent {plural(sent, 'digest')}" if send else f"Would send {plural(sent, 'digest')}"
    others = (
        (refused, "refused by the server (sent by the next run once it takes them)"),
        (already, "already sent today"),
        (len(chosen.nothing_to_chase), "with nothing to chase"),
        (len(chosen.not_in_plan), "not in the plan"),
        (len(chosen.reminders_off), "with reminders off"),
        (len(chosen.excluded), "left out by --exclude"),
    )
    return "; ".join([done, *(f"{n} {why}" for n, why in others if n)]) + "."
