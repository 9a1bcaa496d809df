"""MESSAGE: one conversation per pair of connected people, of any kind of connection."""
