"""A test plugin that requires alpha and is off unless a project switches it on."""
