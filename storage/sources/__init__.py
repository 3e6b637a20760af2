"""Following a council's ModernGov site: its web service (or public pages) into the record."""
