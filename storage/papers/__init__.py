"""Papers: the documents behind agenda items (reports, appendices, supplements), page by page."""
