"""The contract's enums, registered with Strawberry once."""

from __future__ import annotations

import strawberry

from api.models import enums as e

Role = strawberry.enum(e.Role)
OrgUnitKind = strawberry.enum(e.OrgUnitKind)
CorrectionType = strawberry.enum(e.CorrectionType)
SupervisionLevel = strawberry.enum(e.SupervisionLevel)
SupervisionStatus = strawberry.enum(e.SupervisionStatus)
CheckInKind = strawberry.enum(e.CheckInKind)
CheckInStatus = strawberry.enum(e.CheckInStatus)
DisputeCategory = strawberry.enum(e.DisputeCategory)
RiskLevel = strawberry.enum(e.RiskLevel)
DisputeStatus = strawberry.enum(e.DisputeStatus)
PartyRole = strawberry.enum(e.PartyRole)
VisitOutcome = strawberry.enum(e.VisitOutcome)
LegalAidMatter = strawberry.enum(e.LegalAidMatter)
SpecialGroup = strawberry.enum(e.SpecialGroup)
LegalAidStatus = strawberry.enum(e.LegalAidStatus)
