from django.apps import AppConfig


class CommonConfig(AppConfig):
    """The bottom layer: generic code that every app may use and that imports none of them."""

    name = "common"
