"""Inspection history, the national record, Ofsted's reports and the predicted next inspection."""
