from django.apps import AppConfig


class EngagementsConfig(AppConfig):
    name = "engagements"
    verbose_name = "Engagements and roster"

    def ready(self) -> None:
        from engagements import reminders

        reminders.register_engagement_sources()
