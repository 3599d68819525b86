// 短信提醒（设置页）。
export default {
  'phone.title': '短信提醒',
  'phone.why': '没有推送时（或推送未送达），报到、审查决定等重要通知会以短信发到您验证过的手机号。短信不含身份证号和地址。',
  'phone.off': '本系统尚未开通短信。',
  'phone.none': '尚未验证手机号，通知只通过推送发送。',
  'phone.verified': '短信发送到 {phone}（{date} 验证）。',
  'phone.number': '手机号',
  'phone.send': '发送验证码',
  'phone.sent': '验证码已发送到 {phone}，{time} 前有效。',
  'phone.code': '短信验证码（6 位数字）',
  'phone.confirm': '验证',
  'phone.done': '手机号已验证，重要通知也会以短信发送。',
  'phone.change': '更换手机号',
  'phone.stop': '不再接收短信',
  'phone.stopped': '已停止短信，通知只通过推送发送。',
};
