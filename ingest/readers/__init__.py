"""Readers: text, HTML and PDF files and pages into the lines the parsers read."""
