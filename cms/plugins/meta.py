"""Plugin metadata, carried by the plugin's Django ``AppConfig``."""

from __future__ import annotations

from django.apps import AppConfig


class HelixPluginConfig(AppConfig):
    """Base ``AppConfig`` of every Helix plugin.

    Subclass it in the plugin's ``apps.py`` and set the metadata::

        class PostsConfig(HelixPluginConfig):
            name = "plugins.posts"
            label = "posts"
            plugin_id = "posts"
            verbose_name = "Posts"
            version = "1.0.0"
            requires = ()
            description = "Study, vacancy, event, project and tool posts."

    ``plugin_id`` prefixes the plugin's app label, actor names, URL basenames
    and tables. ``requires`` lists the ids of plugins that must be installed
    too. ``enabled_by_default`` says whether a project that has no explicit
    activation row for this plugin has it switched on.
    """

    plugin_id: str = ""
    version: str = "0.0.0"
    requires: tuple[str, ...] = ()
    description: str = ""
    enabled_by_default: bool = True
    #: How long each of the plugin's models keeps personal data, by model name
    #: (``{"savedpost": "While the account exists; deleted when it is erased."}``): the record of
    #: processing (``python manage.py privacy_record``, docs/privacy.md) lists it.
    retention: dict[str, str] = {}
    hooks_module: str = "hooks"
    # Django picks the one AppConfig in apps.py whose ``default`` is true: this
    # base class (imported there) must not compete with the plugin's own class.
    default = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "default" not in cls.__dict__:
            cls.default = True
        if not cls.plugin_id and getattr(cls, "label", None):
            cls.plugin_id = cls.label

    def plugin_info(self) -> dict:
        """The metadata as a JSON-ready dict (used by the API and ``manage.py plugins``)."""
        return {
            "id": self.plugin_id,
            "name": str(self.verbose_name),
            "version": self.version,
            "requires": list(self.requires),
            "description": str(self.description),
            "app": self.name,
        }
