"""Tortoise models, one module per area. Nothing but data and constraints."""

MODEL_MODULES = [
    "api.models.accounts",
    "api.models.audit",
    "api.models.corrections",
    "api.models.mediation",
    "api.models.legal_aid",
    "api.models.notifications",
    "api.models.limits",
    "api.models.documents",
    "api.models.intake",
    "api.models.supervision_end",
    "api.models.search",
    "api.models.minors",
    "api.models.supervision",
    "api.models.legal_aid_procedure",
]
