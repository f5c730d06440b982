"""Reminders to lead officers: each lead's one digest of the actions to chase (overdue, due soon,
stale) at a date, as an email in plain text and HTML, sent over SMTP by `python -m readiness
remind` (readiness.cli.remind). Who leads what is the one rule of readiness.plan.lead_actions,
and each action's colour and why are the rules' own (readiness.plan.status)."""
