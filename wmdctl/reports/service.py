"""Moved to ``wmdctl.reports.job`` (the attendance job's entry point). This path stays only until the campaign
work, which imports it, is integrated; new code imports ``wmdctl.reports.job``."""

from wmdctl.reports.job import AttendanceOptions, collect_attendance, export_attendance

__all__ = ["AttendanceOptions", "collect_attendance", "export_attendance"]
