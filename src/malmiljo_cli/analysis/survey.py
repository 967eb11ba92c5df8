"""Survey answers -> interview findings: one row per answer, columns mapped to finding fields."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ..messages import code_and_message
from ..messages import unknown_id as unknown
from ..models import Engagement
from ..models.evidence import Finding
from ..sheet import Sheet, present
from .sheet import CellProblem

FIELDS: tuple[str, ...] = tuple(Finding.model_fields)


@dataclass(frozen=True)
class Survey:
    """The findings read from a survey (as plain data for the file), or every bad cell."""

    findings: tuple[dict[str, Any], ...]
    problems: tuple[CellProblem, ...]


def findings_from(sheet: Sheet, columns: Mapping[str, int], engagement: Engagement) -> Survey:
    """Each row with an answer as a finding; `columns` maps finding fields to column indexes."""
    findings: list[dict[str, Any]] = []
    problems: list[CellProblem] = []
    for number, cells in sheet.rows:
        data = {f: str(cells[i]).strip() for f, i in columns.items() if present(cells[i])}
        if not data:
            continue  # the respondent left every mapped question empty

        def problem(field: str, message: str, number: int = number) -> CellProblem:
            column = columns.get(field, min(columns.values()))
            return CellProblem(number, column, sheet.where(number, column), message)

        try:
            finding = Finding.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                message = code_and_message(err, allowed_fields=[])[1]
                problems.append(problem(str(err["loc"][0]) if err["loc"] else "text", message))
            continue
        if finding.area not in engagement.area_by_id:
            problems.append(problem("area", unknown("area", finding.area, engagement.area_by_id)))
        cap = finding.capability
        if cap is not None and cap not in engagement.capability_by_id:
            message = unknown("capability", cap, engagement.capability_by_id)
            problems.append(problem("capability", message))
        findings.append(finding.model_dump(exclude_none=True))
    return Survey(tuple(findings), tuple(sorted(problems)))
