"""Attendance, Q&A and poll reports, and the archive, built from Zoom's data after the event.

Pure core (``segments``, ``people``, ``attendance``, ``summary``,
``interactions``), writers, and ``fetch`` as the only module that calls Zoom.
The entry points are in ``service`` (attendance, Q&A, polls) and ``archive``.
"""
