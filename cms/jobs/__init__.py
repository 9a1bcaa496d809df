"""Background jobs: the broker set-up, the periodic scheduler and the embedded worker."""
