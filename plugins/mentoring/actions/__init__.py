"""Business actions of the mentoring plugin: matching, meetings and messaging."""
