// Check-in places: how far a check-in was made from the person's residence
// (else the office), the flag when it is beyond the county's figure (the
// server works both out once, api/domain/corrections/places.py), and the
// residence's coordinates on the enrol form and the person's page.
import { gql } from './api.js';
import { t, loadArea, fmtNumber } from './i18n.js';
import { h, mount, field, badge, busy, announce, locate, place, formValues, showFieldErrors, showFormError, formMessage } from './ui.js';
import PLACES from './operations/places.js';

await loadArea('places');

/** 850 m, 1.2 km, 30 km. */
export function fmtDistance(meters) {
  if (meters < 1000) return t('places.m', { n: fmtNumber(Math.round(meters)) });
  const km = meters / 1000;
  return t('places.km', { n: fmtNumber(km, { maximumFractionDigits: km < 100 ? 1 : 0 }) });
}

/** A check-in's distance for staff ("1.2 km from the residence"), flagged when far. */
export function distanceLine(c) {
  const p = c.place;
  if (!p) return null;
  if (p.distanceMeters === null || p.distanceMeters === undefined) {
    return c.location ? h('span', { class: 'muted', testid: 'checkin-distance' }, t('places.noReference')) : null;
  }
  const text = t('places.from' + p.distanceFrom, { d: fmtDistance(p.distanceMeters) });
  return h('span', { class: p.far ? 'distance far' : 'distance', testid: 'checkin-distance' },
    text,
    p.far ? [' ', badge(t('places.far'), 'bad')] : null,
    p.inReview ? h('span', { class: 'note', testid: 'place-reason' }, t('places.reason.' + p.reason, { limit: fmtDistance(p.limitMeters) })) : null);
}

const RANGES = { residenceLatitude: [90, 'places.latitudeRange'], residenceLongitude: [180, 'places.longitudeRange'] };

/** The residence's coordinates as the server takes them, or the problems of each field (both or neither, in range). */
export function residenceInput(v) {
  const lat = v.residenceLatitude;
  const lon = v.residenceLongitude;
  if (!lat && !lon) return { input: { residenceLatitude: null, residenceLongitude: null }, problems: [] };
  const problems = [];
  for (const [name, [max, key]] of Object.entries(RANGES)) {
    const raw = v[name];
    if (!raw) problems.push([name, t('places.bothOrNeither')]);
    else if (!Number.isFinite(Number(raw)) || Math.abs(Number(raw)) > max) problems.push([name, t(key)]);
  }
  return { input: { residenceLatitude: Number(lat), residenceLongitude: Number(lon) }, problems };
}

/** The two coordinates and "use my current position", for an officer standing at the residence. */
export function residenceFields(legend, where = null) {
  const number = { type: 'text', inputmode: 'decimal', autocomplete: 'off', maxlength: 12 };
  const lat = field({ label: t('places.latitude'), name: 'residenceLatitude', value: where?.latitude ?? '', testid: 'residence-lat', ...number });
  const lon = field({ label: t('places.longitude'), name: 'residenceLongitude', value: where?.longitude ?? '', testid: 'residence-lon', ...number });
  const status = h('p', { class: 'hint', role: 'status', testid: 'residence-status' });
  const here = h('button', { class: 'btn', type: 'button', testid: 'residence-here' }, t('places.useHere'));
  here.addEventListener('click', () => busy(here, async () => {
    status.textContent = t('places.locating');
    const found = await locate();
    if (!found) return void (status.textContent = t('places.noPosition'));
    lat.querySelector('input').value = found.latitude.toFixed(6);
    lon.querySelector('input').value = found.longitude.toFixed(6);
    status.textContent = t('places.located', { m: found.accuracyMeters ?? '?' });
  }));
  return h('fieldset', { class: 'residence-fields', testid: 'residence-fields' },
    h('legend', null, legend),
    h('p', { class: 'hint' }, t('places.residenceHint')),
    lat, lon, here, status);
}

/** The person page's residence: shown as a map link, changed behind a button. */
export function residenceCard(p, onSaved) {
  const box = h('div', { class: 'card', testid: 'residence-card' });
  const show = () => mount(box,
    h('h3', null, t('places.residence')),
    p.residenceLocation ? place(p.residenceLocation) : h('p', { class: 'muted' }, t('places.notRecorded')),
    h('button', { class: 'btn', type: 'button', testid: 'residence-edit', onclick: edit }, t('places.edit')));
  function edit() {
    const form = h('form', { class: 'form', novalidate: true, testid: 'residence-form' },
      residenceFields(t('places.residence'), p.residenceLocation),
      formMessage(),
      h('div', { class: 'actions' },
        h('button', { class: 'btn primary', type: 'submit', testid: 'residence-save' }, t('places.save')),
        h('button', { class: 'btn', type: 'button', onclick: show }, t('places.cancel'))));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const { input, problems } = residenceInput(formValues(form));
      if (showFieldErrors(form, problems)) return;
      busy(form.querySelector('[type=submit]'), async () => {
        try {
          const data = await gql(PLACES.setResidenceLocation, { id: p.id, lat: input.residenceLatitude, lon: input.residenceLongitude });
          p.residenceLocation = data.setResidenceLocation.residenceLocation;
          announce(t('places.saved'), 'ok');
          show();
          onSaved?.();
        } catch (err) {
          showFormError(form, err);
        }
      });
    });
    mount(box, form);
    form.querySelector('input').focus();
  }
  show();
  return box;
}
