"""IV. Complaints and denunciations: counts only, never a sender's identity."""

from .base import Frame, missing


def compute(frame: Frame) -> dict:
    return missing()
