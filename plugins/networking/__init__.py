"""GUIDE: the 7-step Networking Guide pages and each talent's networking plan."""
