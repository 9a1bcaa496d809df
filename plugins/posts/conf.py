"""The posts plugin's settings: ``HELIX_PLUGIN_SETTINGS["posts"]`` over these defaults."""

from __future__ import annotations

from cms.plugins.conf import plugin_settings

DEFAULTS = {
    # An unsubscribe link in a digest or newsletter works for this many days after sending;
    # an older one shows a page that says so (the profile's settings always work).
    "unsubscribe_link_days": 90,
}

get = plugin_settings("posts", DEFAULTS)
