"""People's mediation (人民调解): disputes, their parties, field visits and follow-ups."""
