"""Campaigns: several sessions (webinars), possibly on several Zoom accounts, from one file.

campaign file → load (defaults merged into each session's event, validated) → per-session jobs
(the webinar, sync and report jobs themselves), run one thread per account → per-session outcomes
"""
