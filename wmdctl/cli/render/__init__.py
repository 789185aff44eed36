"""The human form of each job's result: tables and lines for the terminal (``--json`` prints the result's dict).

Presentation lives here, in the command line, so no core module imports the console.
"""
