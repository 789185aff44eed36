from wmdctl.cli.main import run

run()
