"""The event file: load and validate it, and turn it into Zoom payloads."""

from wmdctl.event.load import load_event
from wmdctl.event.model import Event, Panel, Panelist

__all__ = ["Event", "Panel", "Panelist", "load_event"]
