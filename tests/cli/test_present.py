"""cli/present.emit: with --json exactly one document on stdout, else the human form and no JSON."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

from wmdctl.cli.present import emit, json_replaces_format
from wmdctl.output import Output


@dataclass
class Result:
    count: int

    def to_dict(self) -> dict[str, int]:
        return {"count": self.count}


def _output(json_mode: bool) -> tuple[Output, io.StringIO, io.StringIO]:
    out, err = io.StringIO(), io.StringIO()
    return Output(json_mode=json_mode, no_color=True, stdout=out, stderr=err, interactive=False), out, err


def test_json_mode_prints_the_results_dict_and_never_the_human_form() -> None:
    output, out, _ = _output(json_mode=True)
    shown: list[int] = []
    emit(output, Result(3), lambda: shown.append(1))
    assert json.loads(out.getvalue()) == {"count": 3}
    assert shown == []


def test_json_mode_prints_a_given_document_or_a_plain_value_as_it_is() -> None:
    output, out, _ = _output(json_mode=True)
    emit(output, Result(3), document={"count": 3, "extra": True})
    emit(output, ["a.csv", "b.csv"])
    first, second = out.getvalue().split("\n}\n", 1)
    assert json.loads(first + "}") == {"count": 3, "extra": True}
    assert json.loads(second) == ["a.csv", "b.csv"]


def test_human_mode_calls_the_human_form_and_prints_no_json() -> None:
    output, out, _ = _output(json_mode=False)
    emit(output, Result(3), lambda: output.text("3 people"))
    emit(output, Result(4))  # no human form: nothing on stdout
    assert out.getvalue() == "3 people\n"


def test_a_commands_own_json_flag_prints_the_document_as_the_global_one_does() -> None:
    output, out, _ = _output(json_mode=False)
    shown: list[int] = []
    emit(output, Result(5), lambda: shown.append(1), json_flag=True)
    assert json.loads(out.getvalue()) == {"count": 5}
    assert shown == []


def test_json_replaces_the_format_on_stdout_and_for_a_table_but_a_file_keeps_its_own() -> None:
    json_output, _, _ = _output(json_mode=True)
    human_output, _, _ = _output(json_mode=False)
    assert json_replaces_format(json_output, None, table=False)  # stdout: the one document
    assert json_replaces_format(json_output, Path("people.csv"), table=True)  # a table is for no file
    assert not json_replaces_format(json_output, Path("people.xlsx"), table=False)
    assert not json_replaces_format(human_output, None, table=True)
