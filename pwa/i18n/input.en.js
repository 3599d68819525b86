// Hints of the form input rules (symbols in names, correction terms, a passed limitation deadline, search by ID).
export default {
  'rule.symbol': 'A name has no emoji or other symbols: letters and digits only.',
  'rule.termOrder': 'The term must end after it starts.',
  'rule.termShort': 'A term of this kind lasts at least {months} months: check the end date.',
  'rule.termLong': 'A term of this kind lasts at most {months} months: check the dates.',
  'rule.deadlinePassed': 'This date has passed. You can still apply: the legal-aid centre will weigh the deadline.',
  'input.deadlinePassed': 'The limitation deadline had passed when you applied: the legal-aid centre will weigh what it means for your matter.',
  'input.searchHint': 'Name, last 4 characters of the ID, or the whole ID',
};
