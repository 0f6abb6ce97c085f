from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The top layer: the demo and scale data of every app (`seed_demo`); nothing depends on it."""

    name = "demo"
