"""The options of `python -m readiness users ...` (kept apart from readiness.cli.parser, which
holds every other command's, so each file stays readable; it imports nothing heavy either)."""

from __future__ import annotations

from readiness.cli.args import ArgumentParser, add_table_or_json, text_of_at_most
from readiness.text import NAME_MAX

ROLES = ("viewer", "lead", "editor", "admin")


def users_options(sub: ArgumentParser) -> None:
    what = sub.add_subparsers(
        dest="what", required=True, parser_class=ArgumentParser, help="what to do"
    )

    def command(name: str, help: str) -> ArgumentParser:
        parser = what.add_parser(name, help=help)
        parser.add_argument(
            "--db", metavar="URL", help="SQLAlchemy database URL (overrides config)"
        )
        return parser

    add_table_or_json(command("list", "everyone who may sign in, with their role"))
    add = command("add", "let someone sign in, with a role")
    add.add_argument("email", metavar="EMAIL", help="the address they sign in with")
    add.add_argument("--role", choices=ROLES, required=True, help="what they may change")
    add.add_argument("--name", type=text_of_at_most(NAME_MAX), help="their name (default: email)")
    add.add_argument(
        "--lead",
        metavar="NAME",
        type=text_of_at_most(NAME_MAX),
        help="the plan's lead officer they are: their actions (case and spacing ignored)",
    )
    add.add_argument("--no-reminders", action="store_true", help="leave them out of `remind`")
    remove = command("remove", "stop someone signing in with a role")
    remove.add_argument("email", metavar="EMAIL")
    role = command("set-role", "change someone's role")
    role.add_argument("email", metavar="EMAIL")
    role.add_argument("role", choices=ROLES)
    reminders = command("reminders", "turn someone's reminders on or off")
    reminders.add_argument("email", metavar="EMAIL")
    reminders.add_argument("on_off", choices=("on", "off"))
