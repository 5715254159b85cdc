"""Funds, bids, sustainability commitments and the commissioning tender (private)."""
