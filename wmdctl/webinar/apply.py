"""Moved to ``wmdctl.webinar.job`` (the webinar job's entry point). This path stays only until the campaign work,
which imports it, is integrated; new code imports ``wmdctl.webinar.job``."""

from wmdctl.webinar.job import ApplyResult, apply_plan, apply_webinar, plan_webinar

__all__ = ["ApplyResult", "apply_plan", "apply_webinar", "plan_webinar"]
