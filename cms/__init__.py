"""Helix core: settings, plugin system, accounts, organisations, outbox and jobs."""
