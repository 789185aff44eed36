from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

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
    first, second = err.getvalue().splitlines()
    assert first.endswith(" " + line)  # whole, on one line, after the timestamp and run id
    assert second.endswith(" warning: [careful] brackets are text")
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


STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (?P<run>[0-9a-f]{6}) ")


def test_lines_without_a_terminal_carry_an_iso_timestamp_and_one_run_id() -> None:
    output, _, err = make(interactive=False)
    output.info("syncing")
    output.error("it broke", hint="fix it")
    lines = err.getvalue().splitlines()
    matches = [STAMP.match(line) for line in lines]
    assert all(matches), lines
    assert len({m.group("run") for m in matches if m}) == 1  # one id for the whole run
    assert lines[0].endswith(" syncing") and lines[2].endswith("hint: fix it")


def test_a_clock_can_be_injected_for_the_stamp() -> None:
    output, _, err = make(interactive=False, stamp=lambda: "2021-10-07T13:00:00Z abc123")
    output.warn("late")
    assert err.getvalue() == "2021-10-07T13:00:00Z abc123 warning: late\n"


def test_quiet_prints_errors_only_and_still_writes_data() -> None:
    output, out, err = make(interactive=False, quiet=True, verbose=True)
    output.info("info")
    output.step("step")
    output.success("done")
    output.warn("careful")
    output.debug("GET /x")
    output.sandbox_banner("http://127.0.0.1:1/v2")
    output.text("data line")
    assert err.getvalue() == ""
    assert out.getvalue() == "data line\n"
    output.error("broken")
    assert "error: broken" in err.getvalue()


ROWS = [["ana.maria.garcia-lopez@ajuntament.barcelona.cat", "https://us06web.zoom.us/w/81234567890?tk=" + "x" * 60]]


def test_a_table_for_a_file_or_pipe_is_csv_not_box_drawing() -> None:
    output, out, _ = make(interactive=True, stdout_terminal=False)
    output.table(("email", "join_url"), ROWS, title="Registrants")
    assert out.getvalue() == "email,join_url\n" + ",".join(ROWS[0]) + "\n"


def test_a_table_on_an_80_column_terminal_wraps_long_values_and_never_cuts_them(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("PAGER", "cat")
    output, out, _ = make(interactive=True)
    output.table(("email", "join_url"), ROWS)
    text = out.getvalue()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "…" not in text and "..." not in text
    body = [line.split("│")[1:3] for line in text.splitlines() if line.startswith("│")]
    assert len(body) > 1  # folded onto more than one line
    assert ["".join(cell[i].strip() for cell in body) for i in (0, 1)] == ROWS[0]  # every character is there


def _pager_script(tmp_path: Path) -> str:
    script = tmp_path / "pager.py"
    script.write_text("import sys\nopen(sys.argv[1], 'w').write(sys.stdin.read())\n", encoding="utf-8")
    return f"{sys.executable} {script} {tmp_path / 'paged.txt'}"


@pytest.mark.e2e
def test_a_long_table_on_a_terminal_goes_through_PAGER(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PAGER", _pager_script(tmp_path))
    monkeypatch.setenv("LINES", "20")
    output, out, _ = make(interactive=True)
    output.table(("n",), [[i] for i in range(100)])
    assert out.getvalue() == ""
    assert "│ 99 │" in (tmp_path / "paged.txt").read_text(encoding="utf-8")


def test_no_pager_and_short_tables_print_directly(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PAGER", _pager_script(tmp_path))
    monkeypatch.setenv("LINES", "20")
    output, out, _ = make(interactive=True, no_pager=True)
    output.table(("n",), [[i] for i in range(100)])
    short, short_out, _ = make(interactive=True)
    short.table(("n",), [[1]])
    assert "│ 99 │" in out.getvalue() and "│ 1 │" in short_out.getvalue()
    assert not (tmp_path / "paged.txt").exists()


def test_confirm_reads_yes_and_treats_end_of_input_as_no(monkeypatch) -> None:
    output, _, err = make(interactive=True)
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    assert output.confirm("Deny 12?", yes=False, action="deny") is True
    assert "Deny 12? [y/N]" in err.getvalue()
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert output.confirm("Deny 12?", yes=False, action="deny") is False


def test_no_input_never_prompts() -> None:
    output, _, _ = make(interactive=True, no_input=True)
    with pytest.raises(ConfirmationRequired):
        output.confirm("Delete?", yes=False, action="delete the webinar")
