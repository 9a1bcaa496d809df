"""The Helix JSON API: one DRF composition under ``/api/v1/``."""
