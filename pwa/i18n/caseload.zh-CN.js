// 在册人员的概况与脱管（社区矫正法第 30 条）：名单与工作台共用。
export default {
  'caseload.summaryCounts': '{n} 人，其中 {absconded} 人脱管、{overdue} 人逾期未报到',
  'caseload.absconded': '脱管',
};
