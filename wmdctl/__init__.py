"""wmdctl: run a Zoom webinar event from one event file."""

__version__ = "0.1.0"
