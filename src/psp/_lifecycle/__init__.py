"""The lifecycle and its rules: design artefacts, stages, policy and guards (private)."""
