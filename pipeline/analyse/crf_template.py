"""One item of an underthesea CRF feature template ("T[-1,0][1]", "T[0].lower"), parsed: which rows and
column it reads and what it asks of them. Shared by the segmentation features and the tagger's stages."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TEMPLATE_RE = re.compile(
    r"T\[(?P<index1>\-?\d+)(\,(?P<index2>\-?\d+))?\](\[(?P<column>.*)\])?(\.(?P<function>.*))?"
)


@dataclass(frozen=True)
class TemplateFeature:
    """One parsed template item, e.g. "T[-1,0][1]" -> rows -1..0 of column 1."""

    prefix: str  # "T[-1,0][1]=": underthesea's debug prefix, part of every feature string
    start: int
    end: int | None  # None for a single row
    column: int
    function: str | None

    @classmethod
    def parse(cls, token_syntax: str) -> TemplateFeature:
        matched = _TEMPLATE_RE.match(token_syntax)
        if matched is None:
            raise ValueError(f"not a feature template: {token_syntax!r}")
        column = matched.group("column")
        index2 = matched.group("index2")
        return cls(
            prefix=f"{token_syntax}=",
            start=int(matched.group("index1")),
            end=int(index2) if index2 else None,  # "T[a,b]" with b < a is in no template (nor handled)
            column=int(column) if column else 0,
            function=matched.group("function"),
        )

    def bounds(self, n: int) -> tuple[int, int]:
        """Tokens [first, stop) whose rows are all inside the sentence.

        template2features answers BOS when the first row is before the sentence (checked first)
        and EOS when any row is past its end; tokens before `first` are BOS, from `stop` on EOS.
        """
        first = min(n, max(0, -self.start))
        last_row = self.start if self.end is None else max(self.start, self.end)
        stop = max(first, min(n, n - last_row))
        return first, stop
