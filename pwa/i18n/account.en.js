// One's own account: password and sessions (settings).
export default {
  "account.password": "Change password",
  "account.current": "Current password",
  "account.new": "New password",
  "account.change": "Change password",
  "account.changed": "Password changed; {n} sign-ins on other devices ended.",
  "account.sessions": "My sessions",
  "account.thisDevice": "This device",
  "account.since": "Signed in {time}, last used {last}",
  "account.end": "End",
  "account.endedOne": "That session has ended.",
  "account.noSessions": "No other sessions.",
};
