from __future__ import annotations

import io
import json

import pytest

from wmdctl.errors import ConfirmationRequired
from wmdctl.output import Output


def make(**kwargs: object) -> tuple[Output, io.StringIO, io.StringIO]:
    out, err = io.StringIO(), io.StringIO()
    return Output(stdout=out, stderr=err, **kwargs), out, err  # type: ignore[arg-type]


def test_json_is_written_raw_to_stdout_never_through_markup_or_wrapping() -> None:
    output, out, err = make(json_mode=True, interactive=False)
    payload = {"note": "[bold]not markup[/bold] " + "x" * 300, "name": "Zoë 李"}
    output.data(payload)
    assert json.loads(out.getvalue()) == payload
    assert err.getvalue() == ""


def test_messages_go_to_stderr_and_long_lines_stay_whole() -> None:
    output, out, err = make(interactive=False, no_color=True)
    line = "GET /webinars/81234567890/registrants?status=approved&page_size=300&next_page_token=" + "t" * 120
    output.verbose = True
    output.debug(line)
    output.warn("[careful] brackets are text")
    assert out.getvalue() == ""
    assert line in err.getvalue().splitlines()
    assert "warning: [careful] brackets are text" in err.getvalue()
    assert "\x1b[" not in err.getvalue()


def test_confirm_refuses_without_a_terminal_unless_yes() -> None:
    output, _, _ = make(interactive=False)
    with pytest.raises(ConfirmationRequired) as refused:
        output.confirm("Delete?", yes=False, action="delete the webinar")
    assert "--yes" in (refused.value.hint or "")
    assert output.confirm("Delete?", yes=True, action="delete the webinar") is True


def test_no_progress_bar_without_a_terminal() -> None:
    output, out, err = make(interactive=False)
    with output.progress(10, "Adding registrants") as advance:
        advance(5)
    assert out.getvalue() == "" and err.getvalue() == ""
