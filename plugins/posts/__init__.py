"""POST: study, vacancy, event, project and tool posts (a Helix plugin)."""
