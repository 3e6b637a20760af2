"""The meeting database: typed models, queries, search, importers and migrations."""
