// QR codes as inline SVG, from the vendored qrcode-generator (loaded on
// first use, so screens without a code never fetch it).
import { h } from './ui.js';
import { t } from './i18n.js';

/** Loads the vendored qrcode-generator (a classic script) once. */
let qrLib = null;
function loadQrLib() {
  if (!qrLib) {
    qrLib = new Promise((resolve, reject) => {
      if (window.qrcode) return resolve(window.qrcode);
      const s = document.createElement('script');
      s.src = '/vendor/qrcode-generator/qrcode.js';
      s.onload = () => resolve(window.qrcode);
      s.onerror = () => ((qrLib = null), reject(new Error('qrcode')));
      document.head.append(s);
    });
  }
  return qrLib;
}

export async function drawQr(box, text, label) {
  try {
    const qrcode = await loadQrLib();
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    const n = qr.getModuleCount();
    const NS = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', `-4 -4 ${n + 8} ${n + 8}`);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
    svg.setAttribute('shape-rendering', 'crispEdges');
    const bg = document.createElementNS(NS, 'rect');
    Object.entries({ x: -4, y: -4, width: n + 8, height: n + 8, fill: '#fff' }).forEach(([k, v]) => bg.setAttribute(k, v));
    let d = '';
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c} ${r}h1v1h-1z`;
    const path = document.createElementNS(NS, 'path');
    path.setAttribute('d', d);
    path.setAttribute('fill', '#000');
    svg.append(bg, path);
    box.replaceChildren(svg);
  } catch {
    box.replaceChildren(h('p', { class: 'muted' }, t('enrol.qrUnavailable')));
  }
}

/** The activation code from enrolment or intake, as text and as a QR code. */
export function codeCard(code, name) {
  const link = `${location.origin}/#/activate?code=${encodeURIComponent(code)}`;
  const qrBox = h('div', { class: 'qr', testid: 'activation-qr' });
  drawQr(qrBox, link, t('enrol.qrLabel', { name }));
  return h(
    'div',
    { class: 'card code-card' },
    h('p', null, t('enrol.codeFor', { name })),
    h('p', { class: 'activation-code', testid: 'activation-code' }, code.replace(/(.{4})(?=.)/g, '$1 ')),
    qrBox,
    h('p', { class: 'hint' }, t('enrol.codeHint')),
  );
}
