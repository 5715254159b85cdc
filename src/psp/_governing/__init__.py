"""Governance structures, meetings and the Memorandum of Understanding (private)."""
