"""The webinar job: compare the event with Zoom, then create or update the webinar."""
