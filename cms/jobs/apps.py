from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "cms.jobs"
    label = "jobs"
    verbose_name = "Jobs"
