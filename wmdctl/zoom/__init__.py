"""The Zoom REST API v2 client: auth, transport, retries, rate limits, pagination, endpoints.

Import ``wmdctl.zoom.client`` for the client itself; this package module stays
empty so that importing ``wmdctl.zoom.errors`` at CLI start-up pulls in no HTTP
library.
"""
