// Identity at check-in: the camera (never the gallery), the photo made small
// on the phone, the notice of what is collected and why, and the officer's
// view of the check-in photo beside the intake photo.
//
// The photo is taken from a live camera stream (getUserMedia), drawn on a
// canvas at PHOTO_SIDE px on its long side and sent as a JPEG data: URL in
// the write's variables, through the outbox like every field record: the
// outbox deletes the item once the server has stored it, and a refused item
// keeps no photo (core.js). Nothing else keeps it: no file, no cache.
import { gql } from './api.js';
import { t, loadArea, fmtDateTime, isoWithOffset } from './i18n.js';
import { h, mount, badge, busy, announce, errorText } from './ui.js';
import { enqueueAndWait, newClientId } from './store.js';
import IDENTITY from './operations/identity.js';

await loadArea('identity');

const PHOTO_SIDE = 640;
// The server takes up to 400 KB (api/domain/corrections/photos.py); a photo
// this size is 50-150 KB at the first quality.
const MAX_PHOTO_BYTES = 300000;
const QUALITIES = [0.8, 0.65, 0.5, 0.35];

/** What is collected and why (个人信息保护法 Art. 17), shown beside the check-in button. */
export function checkInNotice() {
  return h('p', { class: 'notice', testid: 'identity-notice' }, t('identity.notice'));
}

/** The bytes of a data: URL's base64 payload. */
const dataUrlBytes = (url) => Math.floor(((url.length - url.indexOf(',') - 1) * 3) / 4);

/** A frame of the stream as a JPEG data: URL, at most PHOTO_SIDE px and MAX_PHOTO_BYTES. */
export function frameToJpeg(video) {
  const scale = Math.min(1, PHOTO_SIDE / Math.max(video.videoWidth, video.videoHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
  for (const q of QUALITIES) {
    const url = canvas.toDataURL('image/jpeg', q);
    if (dataUrlBytes(url) <= MAX_PHOTO_BYTES) return url;
  }
  return null;
}

/**
 * Opens the camera in `box` and resolves with the photo (a JPEG data: URL)
 * when "take photo" is tapped, null when the person goes on without one (no
 * camera, or permission refused: the officer is told there is no photo), or
 * undefined when cancelled. The camera is stopped whatever happens.
 */
export function takePhoto(box, { facing = 'user', takeLabel = t('identity.take'), allowWithout = true } = {}) {
  return new Promise((resolve) => {
    let stream = null;
    const video = h('video', { class: 'camera', autoplay: true, playsinline: true, muted: true, testid: 'photo-video' });
    const take = h('button', { class: 'btn primary', type: 'button', disabled: true, testid: 'photo-take' }, takeLabel);
    const cancel = h('button', { class: 'btn', type: 'button', testid: 'photo-cancel' }, t('identity.cancel'));
    const status = h('p', { class: 'muted', role: 'status' }, t('identity.starting'));
    const done = (value) => {
      if (stream) stream.getTracks().forEach((track) => track.stop());
      video.srcObject = null;
      mount(box);
      box.hidden = true;
      resolve(value);
    };
    const withoutPhoto = (reason) => {
      const go = h('button', { class: 'btn', type: 'button', testid: 'photo-skip' }, t('identity.without'));
      go.addEventListener('click', () => done(null));
      mount(box, h('p', { class: 'notice', testid: 'photo-unavailable' }, reason), h('div', { class: 'actions' }, allowWithout ? go : null, cancel));
    };
    box.hidden = false;
    mount(box, video, status, h('div', { class: 'actions' }, take, cancel));
    cancel.addEventListener('click', () => done(undefined));
    take.addEventListener('click', () => {
      const photo = frameToJpeg(video);
      if (photo) done(photo);
      else status.textContent = t('identity.tooLarge');
    });
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      withoutPhoto(t('identity.noCamera'));
      return;
    }
    navigator.mediaDevices
      .enumerateDevices()
      .then((devices) => {
        // A phone with no camera at all checks in as before, without a photo
        // (the officer sees that there is none); one with a camera must use it.
        if (allowWithout && !devices.some((d) => d.kind === 'videoinput')) throw Object.assign(new Error('no camera'), { name: 'NoCamera' });
        return navigator.mediaDevices.getUserMedia({ video: { facingMode: facing, width: { ideal: 1280 } }, audio: false });
      })
      .then((s) => {
        stream = s;
        video.srcObject = s;
        video.addEventListener('loadeddata', () => {
          take.disabled = false;
          status.textContent = t('identity.ready');
        }, { once: true });
      })
      .catch((err) => {
        if (err && err.name === 'NoCamera') done(null);
        else withoutPhoto(t(err && err.name === 'NotAllowedError' ? 'identity.denied' : 'identity.noCamera'));
      });
  });
}

// ------------------------------------------------------------------ the officer's side

const VERDICT_KIND = { MATCH: 'ok', PENDING: '', MISMATCH: 'bad', NO_FACE: 'bad', NO_REFERENCE: 'warn', FAILED: 'warn' };

/** The face check of a self check-in in the officer's list, with a button for both photos. */
export function identityBox(c) {
  if (!c.identity) return null;
  const id = c.identity;
  const panel = h('div', { class: 'photos', hidden: true, testid: 'photos-panel' });
  const open = h('button', { class: 'btn', type: 'button', testid: 'photos-open' }, t('identity.compare'));
  open.addEventListener('click', () =>
    busy(open, async () => {
      if (!panel.hidden) {
        panel.hidden = true;
        mount(panel);
        return;
      }
      try {
        const data = (await gql(IDENTITY.checkInPhotos, { id: c.id })).checkInPhotos;
        panel.hidden = false;
        mount(panel, photo(data.intakePhoto, t('identity.intakePhoto'), 'photo-intake'), photo(data.checkInPhoto, t('identity.checkInPhoto'), 'photo-checkin'));
      } catch (err) {
        announce(errorText(err), 'error');
      }
    }),
  );
  const verdict = id.verdict
    ? badge(t('identity.verdict.' + id.verdict), VERDICT_KIND[id.verdict] || '')
    : badge(t('identity.verdict.NO_PHOTO'), 'warn');
  return h('div', { class: 'identity', testid: 'identity' },
    h('p', null, verdict, ' ',
      id.inReview ? h('span', { class: 'note', testid: 'identity-reason' }, t('identity.reason.' + id.reason)) : null),
    h('p', { class: 'muted' }, t('identity.hint')),
    id.photoDeletedAt ? h('p', { class: 'muted' }, t('identity.deleted', { time: fmtDateTime(id.photoDeletedAt) })) : null,
    id.verdict ? h('div', { class: 'actions' }, open) : null,
    panel);
}

function photo(p, label, testid) {
  return h('figure', { class: 'photo', testid },
    p ? h('img', { src: p.dataUrl, alt: label }) : h('p', { class: 'empty' }, t('identity.none')),
    h('figcaption', null, label, p ? ' · ' + fmtDateTime(p.takenAt) : ''));
}

/** The officer's photo of the person (at intake or later), through the outbox. */
export function intakePhotoBox(person) {
  const box = h('div', { class: 'camera-box', hidden: true });
  const status = h('p', { class: 'muted', role: 'status', testid: 'intake-photo-status' });
  const start = h('button', { class: 'btn', type: 'button', testid: 'intake-photo' }, t('identity.takeIntake'));
  start.addEventListener('click', () =>
    busy(start, async () => {
      const photo = await takePhoto(box, { facing: 'environment', allowWithout: false });
      if (!photo) return;
      const input = { clientId: newClientId(), personId: person.id, takenAt: isoWithOffset(new Date()), photo };
      const result = await enqueueAndWait({
        op: 'setIntakePhoto',
        query: IDENTITY.setIntakePhoto,
        variables: { input },
        kind: 'intakePhoto',
        title: t('identity.outboxTitle'),
        ref: person.id,
      });
      if (result.failed || result.refused) status.textContent = errorText(result.error);
      else status.textContent = t(result.sent ? 'identity.intakeSaved' : 'identity.intakeQueued');
      announce(status.textContent, result.failed || result.refused ? 'error' : 'ok');
    }),
  );
  return h('section', { class: 'card', testid: 'intake-photo-section' },
    h('h2', null, t('identity.intakeTitle')),
    h('p', { class: 'muted' }, t('identity.intakeWhy')),
    h('div', { class: 'actions' }, start), box, status);
}
