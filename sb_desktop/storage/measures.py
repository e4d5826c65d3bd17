"""Questionnaire responses on disk (the function check, PSFS, GROC), oldest first; each write one transaction."""
from __future__ import annotations

import datetime as dt
import json

from sb_desktop.domain.entries import now_iso
from sb_desktop.domain.measures import QuestionnaireResponse
from sb_desktop.storage.database import Database


class QuestionnaireStore:
    def __init__(self, db: Database):
        self.db = db

    def add(self, response: QuestionnaireResponse) -> QuestionnaireResponse:
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO questionnaire_responses (questionnaire, date, answers, score, recorded_at) VALUES (?, ?, ?, ?, ?)",
                [response.questionnaire, response.date.isoformat(), json.dumps(response.answers, ensure_ascii=False),
                 response.score, response.recorded_at or now_iso()])
            new_id = cursor.lastrowid
        return self.responses(id=new_id)[0]

    def responses(self, questionnaire: str | None = None, *, id: int | None = None) -> list[QuestionnaireResponse]:
        """Responses oldest first."""
        clauses: list[str] = []
        params: list[object] = []
        if questionnaire:
            clauses.append("questionnaire = ?")
            params.append(questionnaire)
        if id is not None:
            clauses.append("id = ?")
            params.append(id)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self.db.execute(f"SELECT id, questionnaire, date, answers, score, recorded_at FROM questionnaire_responses "
                               f"{where} ORDER BY date, id", params).fetchall()
        return [QuestionnaireResponse(q, dt.date.fromisoformat(d), json.loads(a), s, r, i) for i, q, d, a, s, r in rows]

    def latest(self, questionnaire: str) -> QuestionnaireResponse | None:
        found = self.responses(questionnaire)
        return found[-1] if found else None
