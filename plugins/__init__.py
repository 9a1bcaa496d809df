"""The plugins bundled with Helix (each one a Django app and a pluggy plugin)."""
