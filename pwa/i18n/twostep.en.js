// Setting up two-step sign-in on a phone (pwa/js/screens/twostep.js).
export default {
  'auth.twoStepTitle': 'Set up two-step sign-in',
  'auth.twoStepIntro': 'Your role signs in with a password and a code from an authenticator app. Scan the QR code (or type the key below) into the app, then enter the code it shows.',
  'auth.twoStepQr': 'QR code for the authenticator app',
  'auth.twoStepConfirm': 'Confirm',
  'auth.recoveryTitle': 'Recovery codes',
  'auth.recoveryIntro': 'Copy, download or write down these codes and keep them safe. Each works once in place of a code if you lose your phone. They are shown only now.',
  'auth.twoStepDone': 'I have kept them safe',
  'twostep.open': 'Open in the authenticator app on this phone',
  'twostep.openHint': 'Setting it up on this phone: tap the button above. On another phone: scan the QR code with it.',
  'twostep.secret': 'Secret key (in groups of four; type it without the spaces)',
  'twostep.copy': 'Copy the recovery codes',
  'twostep.copied': 'Recovery codes copied. Paste them somewhere safe.',
  'twostep.copyFailed': 'Could not copy: download the recovery codes or write them down.',
  'twostep.download': 'Download the recovery codes',
  'twostep.fileTitle': '{app} two-step sign-in recovery codes ({user})',
  'twostep.fileNote': 'Each recovery code can be used once instead of a code.',
};
