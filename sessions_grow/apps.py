from django.apps import AppConfig


class SessionsGrowConfig(AppConfig):
    name = "sessions_grow"
    verbose_name = "GROW sessions"
