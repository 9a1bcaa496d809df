"""The projects requests name, with their plugin switches, kept between requests.

Every API request of a plugin asks which project it is about (``X-Helix-Project``, ``?project=``
or the default project) and whether the plugin is switched on there: two statements per request,
and the ORM's work for them, on every plugin endpoint. Both are kept in Django's cache under the
*projects generation* (``cms.generations``), which every saved or deleted project or plugin
switch moves on, at once and at commit; an entry from an older generation is read again from the
database. Unknown slugs are never kept: a project created a moment later is found.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from cms import generations

GENERATION_KEY = "helix:projects:generation"
#: Kept at most this long even without a change (a change made outside the ORM's signals).
SECONDS = 300


def project_for(slug: str | None):
    """The active project with ``slug``, or the default project for ``None``; ``None`` when there
    is no such active project. The project carries its plugin switches (the plugin manager reads
    them from it instead of the database)."""
    from cms.organisations.models import PluginActivation, Project

    def build():
        if slug is None:
            project = Project.default()
        else:
            project = Project.objects.filter(slug=slug, is_active=True).first()
        if project is None:
            return None
        return project, dict(
            PluginActivation.objects.filter(project=project).values_list("plugin_id", "enabled")
        )

    found = generations.kept(f"helix:projects:project:{slug or ''}", [GENERATION_KEY], build, seconds=SECONDS)
    if found is None:
        return None
    project, switches = found
    project.__dict__["_helix_activations"] = dict(switches)
    return project


def changed(sender=None, **kwargs) -> None:
    generations.changed(GENERATION_KEY)


def connect() -> None:
    from cms.organisations.models import PluginActivation, Project

    for model in (Project, PluginActivation):
        post_save.connect(changed, sender=model, dispatch_uid=f"helix-projects-save-{model.__name__}")
        post_delete.connect(changed, sender=model, dispatch_uid=f"helix-projects-delete-{model.__name__}")
