from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MpcConfig(AppConfig):
    name = "mpc"
    verbose_name = _("Management through Professional Coaching")

    def ready(self) -> None:
        from mpc import reminders

        reminders.register()
