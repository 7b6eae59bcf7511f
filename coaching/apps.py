from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "coaching"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Wherever a device changes (pages, admin, erasure, a shell), its owner's sessions check it again.
        from coaching import signed_in  # noqa: F401
