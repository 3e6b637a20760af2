"""Email: reminders and notices sent through the council's relay, apologies taken by reply."""
