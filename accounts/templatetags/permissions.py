"""`{% load permissions %}{% if user|can:"directive.track" %}`: templates read the permission table too."""

from django import template

from accounts.permissions import user_can

register = template.Library()


@register.filter
def can(user, action: str) -> bool:
    """May `user` do `action` (see `accounts.permissions.PERMISSIONS`)? False for no user."""
    return user is not None and user_can(user, action)
