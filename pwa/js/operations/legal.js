// The legal-aid screens' own operations (pwa/js/screens/legalaid.js).
export default {
  // The phone given at sign-up (schema/accounts/phone.py), to start the apply form from.
  accountPhone: 'query AccountPhone { textMessages { accountPhone } }',
};
