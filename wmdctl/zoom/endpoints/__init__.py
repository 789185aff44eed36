"""Endpoint methods, one small method per Zoom operation, grouped by resource as mixins of ZoomClient."""
