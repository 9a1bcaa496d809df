from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "cms.jobs"
    label = "jobs"
    verbose_name = "Jobs"

    def ready(self) -> None:
        # Declare every app's actors in every process (web, worker, scheduler):
        # the outbox sends messages by actor name.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("tasks")
