"""The survey's questions: reference data in ``survey_questions.json`` next to this file."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

QUESTIONS_FILE = Path(__file__).with_name("survey_questions.json")


@cache
def survey_questions(path: Path = QUESTIONS_FILE) -> dict[str, str]:
    """Question id -> Danish text, in the order of the file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(q["id"]): str(q["text"]) for q in data["questions"]}
