"""Journey: each talent's progress on the roadmap to a job, and what happened next (outcomes)."""
