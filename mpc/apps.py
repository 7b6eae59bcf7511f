from django.apps import AppConfig


class MpcConfig(AppConfig):
    name = "mpc"
    verbose_name = "Management through Professional Coaching"

    def ready(self) -> None:
        from mpc import reminders

        reminders.register()
