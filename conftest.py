"""Root conftest: Helix's shared fixtures come from the ``cms.plugins.testing`` pytest plugin."""
