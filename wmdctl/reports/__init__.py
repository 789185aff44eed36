"""Attendance, Q&A and poll reports, the archive, and what comes after the event, built from Zoom's data.

Pure core (``model``, ``segments``, ``people``, ``attendance``, ``summary``,
``interactions``, ``followup``), writers (``writers``, ``certificates``,
``html``), and the modules that call Zoom: ``fetch`` (reports), ``recordings``
and ``downloads`` (cloud recordings). The entry points are in ``job``
(attendance, Q&A, polls), ``archive`` and ``html.collect``.
"""
