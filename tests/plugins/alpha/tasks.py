import dramatiq

from cms.jobs.periodic import PERIODIC_QUEUE
from cms.plugins import enabled_projects
from tests.plugins.alpha import state


@dramatiq.actor(actor_name="alpha.tick", queue_name=PERIODIC_QUEUE, max_retries=0)
def tick():
    """A periodic job that only works for projects enabling the plugin."""
    state.CALLS.append(("tick", {"projects": sorted(p.slug for p in enabled_projects("alpha"))}))
