"""Test settings: the real settings plus two test plugins that prove the plugin system."""

from cms.settings import *  # noqa: F403
from cms.settings import HELIX_PLUGIN_APPS, INSTALLED_APPS

TEST_PLUGIN_APPS = ["tests.plugins.alpha", "tests.plugins.beta"]
HELIX_PLUGIN_APPS = [*HELIX_PLUGIN_APPS, *TEST_PLUGIN_APPS]
INSTALLED_APPS = [*INSTALLED_APPS, *TEST_PLUGIN_APPS]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
