"""The mentoring plugin's API, registered through the ``api_routes`` hook."""
