"""Legal aid (法律援助): requests, the eligibility review, decisions and deadlines."""
