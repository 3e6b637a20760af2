"""Following a ModernGov site: its web service client, XML and public-page readers, and sync."""
