"""Base values every area uses: errors, checks, identifiers, periods, roles, scope (private)."""
