from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Negotiation Tracker"

    def ready(self) -> None:
        from articles import accounts, signals  # noqa: F401
