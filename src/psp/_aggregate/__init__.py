"""The partnership aggregate: its events, state, storage, and the portfolio (private)."""
