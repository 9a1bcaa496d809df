"""Accounts: the user model, roles, profiles and consents."""
