// Starting legal aid for a supervised person or a failed mediation's party.
export default {
  "referaid.title": "Legal aid for someone",
  "referaid.intro": "The request goes to the person to confirm first; only then is it submitted to the legal-aid centre (Community Corrections Law Art. 43; People’s Mediation Law Art. 26).",
  "referaid.for": "For: {name}",
  "referaid.party": "Party",
  "referaid.description": "What it is about",
  "referaid.submit": "Send for the person to confirm",
  "referaid.done": "Sent: waiting for {name} to confirm.",
  "referaid.open": "Open the request",
  "referaid.link": "Start legal aid",
  "referaid.notFailed": "Legal aid is started for a party only once mediation has failed.",
  "referaid.centre": "Legal aid centre",
  "referaid.matter": "Matter",
  "referaid.household": "People in the household",
  "referaid.income": "Household income a month (yuan)",
  "referaid.phone": "The person's mobile number",
};
