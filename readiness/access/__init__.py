"""Who may do what: people and their roles, the acting person every write is given, the audit
trail of every change, wall-screen links, and completions awaiting sign-off.

The rules live here and in readiness.store, which checks them before every write; the pages only
mirror them (a viewer sees no save button, but a replayed save is refused all the same).
"""
