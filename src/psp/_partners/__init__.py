"""Organisations, their membership, seats and links, and the sector balance (private)."""
