"""What the alpha plugin's hooks saw (tests read and reset it)."""

CALLS: list[tuple[str, dict]] = []
