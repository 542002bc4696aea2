"""The election forms on a council's page (role council_admin): call an election,
nominate a candidate, open the voting, record a vote, close and count. Each names the
councils API's path under ``/councils/{id}`` and the body it sends."""

from __future__ import annotations

from dataclasses import dataclass

from services.console.domain.forms import Form, Parsed, _Reader


@dataclass(frozen=True)
class Step:
    """One election form: its API path (``{election}`` filled in), fields and message."""

    path: str
    fields: tuple[str, ...]
    done: str


STEPS = {
    "udskriv": Step("/elections", ("held_on",), "Valget er udskrevet."),
    "opstil": Step("/elections/{election}/candidates", ("relative_id",),
                   "Kandidaten er opstillet."),
    "aabn": Step("/elections/{election}/open-voting", (), "Afstemningen er åbnet."),
    "stem": Step("/elections/{election}/votes", ("voter_id", "candidate_id"),
                 "Stemmen er registreret."),
    "afslut": Step("/elections/{election}/close", (), "Valget er afsluttet og talt op."),
}  # fmt: skip


def election_step(step: Step, form: Form) -> Parsed:
    """The body of ``step`` from the posted form; dates checked, nothing else."""
    r = _Reader(form)
    body: dict[str, str | None] = {}
    for name in step.fields:
        body[name] = r.date(name) if name == "held_on" else r.text(name)
    return Parsed(dict(body), r.errors)
