// Text-message notices (settings).
export default {
  'phone.title': 'Text messages',
  'phone.why': 'When push does not reach you, important notices (check-ins, decisions on your request) also come as a text to a number you have verified. Texts never contain an ID number or an address.',
  'phone.off': 'Text messages are not set up on this server.',
  'phone.none': 'No number verified yet: notices come by push only.',
  'phone.verified': 'Texts go to {phone} (verified {date}).',
  'phone.number': 'Mobile number',
  'phone.send': 'Send a code',
  'phone.sent': 'A code was sent to {phone}; it is valid until {time}.',
  'phone.code': 'Code from the text (6 digits)',
  'phone.confirm': 'Verify',
  'phone.done': 'Number verified: important notices also come as texts.',
  'phone.change': 'Change number',
  'phone.stop': 'Stop text messages',
  'phone.stopped': 'Texts stopped: notices come by push only.',
};
