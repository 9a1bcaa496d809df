"""The journey plugin's API: ``/api/v1/journey/…``."""
