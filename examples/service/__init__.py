"""An example back end on psp: FastAPI and the standard library's sqlite3.

``store.py`` keeps partnerships in SQLite as append-only rows of versioned event
documents; ``app.py`` serves them over HTTP. docs/service.md walks through both.
"""
