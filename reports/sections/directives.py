"""II. Directive deployment: acknowledgement, plans and reports by level and by district;
difficulties raised and answered."""

from .base import Frame, missing


def compute(frame: Frame) -> dict:
    return missing()
