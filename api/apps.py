from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    label = "helix_api"
    verbose_name = "Helix API"

    def ready(self) -> None:
        from api import schema  # noqa: F401  (drf-spectacular extensions)
