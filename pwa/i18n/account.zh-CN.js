// 本人账号：密码与登录会话（设置页）。
export default {
  "account.password": "修改密码",
  "account.current": "当前密码",
  "account.new": "新密码",
  "account.change": "修改密码",
  "account.changed": "密码已修改，其他设备上的登录已结束（{n} 个）。",
  "account.sessions": "我的登录会话",
  "account.thisDevice": "本设备",
  "account.since": "登录于 {time}，最近使用 {last}",
  "account.end": "结束",
  "account.endedOne": "该会话已结束。",
  "account.noSessions": "没有其他会话。",
};
