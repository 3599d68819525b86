// The caseload's summary and the absconded (社区矫正法 Art. 30): shared by the caseload and the dashboard.
export default {
  'caseload.summaryCounts': '{n} people: {absconded} absconded, {overdue} overdue',
  'caseload.absconded': 'Absconded',
};
