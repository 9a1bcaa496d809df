"""MATCH, MEET, MESSAGE: matches between talents, mentors and organisations, meetings, messages."""
