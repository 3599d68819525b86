// Text messages for one's own account (schema/accounts/phone.py).
const TEXTS = 'available phone verifiedAt';

export default {
  textMessages: `query TextMessages { textMessages { ${TEXTS} } }`,
  requestPhoneCheck: `mutation RequestPhoneCheck($phone: String!) {
    requestPhoneCheck(phoneNumber: $phone) { phone expiresAt } }`,
  confirmPhoneCheck: `mutation ConfirmPhoneCheck($code: String!) {
    confirmPhoneCheck(code: $code) { ${TEXTS} } }`,
  stopTextMessages: `mutation StopTextMessages { stopTextMessages { ${TEXTS} } }`,
};
