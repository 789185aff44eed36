"""Which choice of a registration question an organiser's cell names.

Lists say "panel 2", "P1", "1", "Panel 1: Creating caring metropolises" (wmdctl's own label) or just
"creating caring" for the choice "Creating caring metropolises". A cell is matched, case and accents aside:
exactly; by number (the choice's position, as wmdctl numbers its panels); or by a prefix of one title only.
An answer that fits several choices matches none of them: the reject lists the candidates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from wmdctl.sync.mapping import fold

_NUMBER = re.compile(r"^(?:panel|p|n|no|number|#)?\s*#?\s*(\d{1,3})(?:\s+(.*))?$")
_MIN_PREFIX = 3  # folded characters: "cr" is a guess, "crea" a choice


def choice_matches(choices: Sequence[str], answer: str) -> list[str]:
    """The choices ``answer`` may mean: one when it is clear, several when ambiguous, none when unknown."""
    wanted = fold(answer)
    if not wanted:
        return []
    exact = [c for c in choices if fold(c) == wanted]
    if exact:
        return exact[:1]
    numbered = _NUMBER.match(wanted)
    if numbered:
        number, rest = int(numbered.group(1)), numbered.group(2) or ""
        if rest:  # "Panel 1: Creating caring…": the title decides, the number must agree with it
            titled = _by_prefix(choices, rest)
            if len(titled) == 1 and (1 <= number <= len(choices)) and choices[number - 1] != titled[0]:
                return [choices[number - 1], titled[0]]
            if titled:
                return titled
        if 1 <= number <= len(choices) and not rest:
            return [choices[number - 1]]
    return _by_prefix(choices, answer)


def _by_prefix(choices: Sequence[str], answer: str) -> list[str]:
    wanted = fold(answer)
    if len(wanted) < _MIN_PREFIX:
        return []
    exact = [c for c in choices if fold(c) == wanted]
    return exact[:1] or [c for c in choices if fold(c).startswith(wanted)]
