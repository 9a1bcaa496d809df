"""A test plugin that implements every hook, to prove the contract end to end."""
