// Signed-in pages: where to sign in, a notice with a sign-in link when the API answers 401, sign-out.
// The session itself is the HttpOnly cookie entrada_session: scripts never see or keep a token.

import { el } from './dom.js';
import { t } from './i18n.js';

const NEXT = /^\/(?![/\\])[A-Za-z0-9\-._~/?=&%]*$/;

/** A same-site relative path (never another site, never "//host" or "/\host"), or null. */
export function safeNext(value) {
  if (typeof value !== 'string' || value.length > 200 || !NEXT.test(value)) return null;
  try {
    return new URL(value, window.location.origin).origin === window.location.origin ? value : null;
  } catch {
    return null;
  }
}

export function loginUrl(next = window.location.pathname) {
  return `/login?next=${encodeURIComponent(safeNext(next) || '/')}`;
}

/** Shows "your sign-in has ended" with a link to sign in again (text and a link only, no HTML). */
export function showSignIn(container) {
  container.replaceChildren(el('span', { text: `${t('auth.expired')} ` }),
    el('a', { href: loginUrl(), className: 'sign-in-link', text: t('auth.signIn') }));
  container.hidden = false;
}

/** Ends this sign-in and goes to the sign-in page. */
export async function signOut() {
  try {
    await fetch('/api/auth/logout', { method: 'POST' });
  } catch {
    // offline: the cookie stays until it expires; nothing else to do here
  }
  window.location.assign('/login');
}

export function bindSignOut(button) {
  if (button) button.addEventListener('click', () => signOut());
}
