from django.apps import AppConfig


class MpcConfig(AppConfig):
    name = "mpc"
    verbose_name = "Management through Professional Coaching"
