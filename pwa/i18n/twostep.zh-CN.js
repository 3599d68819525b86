// Setting up two-step sign-in on a phone (pwa/js/screens/twostep.js).
export default {
  'auth.twoStepTitle': '设置两步登录',
  'auth.twoStepIntro': '您的角色需要使用密码加身份验证器验证码登录。请用验证器应用扫描二维码（或输入下方的密钥），然后输入应用显示的验证码。',
  'auth.twoStepQr': '身份验证器二维码',
  'auth.twoStepConfirm': '确认',
  'auth.recoveryTitle': '恢复码',
  'auth.recoveryIntro': '请复制、下载或抄下这些恢复码并妥善保管。手机丢失时，每个恢复码可代替验证码使用一次。恢复码只显示这一次。',
  'auth.twoStepDone': '我已保存好',
  'twostep.open': '在本机的验证器应用中打开',
  'twostep.openHint': '在这部手机上设置时点上面的按钮；在另一部手机上设置时，用那部手机扫描二维码。',
  'twostep.secret': '密钥（每四个字符一组，输入时不含空格）',
  'twostep.copy': '复制恢复码',
  'twostep.copied': '恢复码已复制。请粘贴到安全的地方保存。',
  'twostep.copyFailed': '无法复制，请下载或抄下恢复码。',
  'twostep.download': '下载恢复码',
  'twostep.fileTitle': '{app} 两步登录恢复码（{user}）',
  'twostep.fileNote': '每个恢复码可代替验证码使用一次。',
};
