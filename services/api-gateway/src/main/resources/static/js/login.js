import { $, fetchJson } from './dom.js';
import { initI18n, t } from './i18n.js';
import { safeNext } from './session.js';

// The sign-in form. The answer sets the HttpOnly session cookie; the page keeps nothing itself.

const NEEDS = { '/scan': 'STAFF', '/dashboard': 'ORGANIZER' };
const RANK = { STAFF: 1, ORGANIZER: 2, ADMIN: 3 };

const next = safeNext(new URLSearchParams(window.location.search).get('next'));
const form = $('#login-form');
const error = $('#login-error');
const submit = $('#login-submit');
const deviceBox = $('#login-device');
let errorKey = null;
let errorVars = {};

function allowed(role, path) {
  const need = NEEDS[path.split('?')[0]];
  return !need || (RANK[role] || 0) >= RANK[need];
}

function destination(role) {
  if (next && allowed(role, next)) return next;
  return (RANK[role] || 0) >= RANK.ORGANIZER ? '/dashboard' : '/scan';
}

function showError(key, vars = {}) {
  errorKey = key;
  errorVars = vars;
  error.textContent = key ? t(key, vars) : '';
  for (const input of [$('#login-username'), $('#login-password')]) {
    if (key) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
}

deviceBox.addEventListener('change', () => {
  $('#login-device-field').hidden = !deviceBox.checked;
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = $('#login-username').value.trim();
  const password = $('#login-password').value;
  if (!username || !password) {
    showError('login.wrong');
    (username ? $('#login-password') : $('#login-username')).focus();
    return;
  }
  const body = { username, password };
  if (deviceBox.checked) body.device = $('#login-device-label').value.trim().slice(0, 100) || 'scanner';
  submit.disabled = true;
  submit.textContent = t('login.sending');
  const res = await fetchJson('/api/auth/token', { json: body });
  submit.disabled = false;
  submit.textContent = t('login.submit');
  if (res.ok && res.body) {
    window.location.assign(destination(res.body.role));
    return;
  }
  $('#login-password').value = '';
  if (res.status === 401) showError('login.wrong');
  else if (res.status === 429) {
    const seconds = Number(res.headers.get('Retry-After')) || 60;
    showError('login.locked', { minutes: Math.max(1, Math.ceil(seconds / 60)) });
  } else if (res.status === 400) showError('login.invalid', { detail: (res.body && res.body.detail) || '' });
  else showError('login.unavailable');
  $('#login-password').focus();
});

initI18n(() => showError(errorKey, errorVars));

// Already signed in (a SameSite=Strict cookie is not sent when arriving from another site, but it is on
// this request): go on at once, or say that this account may not open the page asked for.
fetchJson('/api/auth/me').then((res) => {
  if (!res.ok || !res.body) return;
  if (!next || allowed(res.body.role, next)) window.location.replace(destination(res.body.role));
  else $('#login-needs-role').hidden = false;
});
