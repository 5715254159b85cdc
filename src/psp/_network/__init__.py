"""The partner network, its analyses, and surveys of the partnership (private)."""
