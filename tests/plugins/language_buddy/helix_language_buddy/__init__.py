"""Language buddies: a Helix plugin (plugin id ``language_buddy``) written as a partner would."""
