"""The optional questions of a self check-in, as CheckInInput.wellbeing takes them."""

from __future__ import annotations

import strawberry

from api.domain.corrections import wellbeing
from api.models.enums import CircumstanceChange


@strawberry.input(description="Optional answers of a self check-in; all may be left out.")
class CheckInWellbeingInput:
    mood: int | None = strawberry.field(
        default=None, description="How are you: 1 (very bad) to 5 (very good)."
    )
    changes: list[CircumstanceChange] = strawberry.field(
        default_factory=list, description="What has changed since the last check-in."
    )
    change_details: str | None = None
    message: str | None = strawberry.field(default=None, description="A message to the officer.")

    def answers(self) -> wellbeing.Answers:
        return wellbeing.Answers(
            mood=self.mood,
            changes=[CircumstanceChange(c) for c in self.changes],
            change_details=self.change_details,
            message=self.message,
        )
