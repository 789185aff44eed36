from wmdctl.cli.entry import run

run()
