// Deciding at the door without the server: the offline pack (public keys, revocations, checkpoints and
// what staff see), Ed25519 verification with WebCrypto, a queue of scans in IndexedDB, and the upload
// to /api/checkins/sync when the server answers again. The code format is TicketCode.java's:
//   byte 0 version (high nibble = 1) | flags (bit 0: validity window), bytes 1-2 key id,
//   bytes 3-18 ticket id, 19-22 SHA-256(event id) prefix, 23-24 SHA-256(ticket type) prefix,
//   25-30 (with the window) valid-from minutes since the epoch (u32) + length in minutes (u16),
//   then a 64-byte Ed25519 signature over everything before it; written in RFC 4648 base32.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BODY_LENGTH = 25;
const WINDOW_LENGTH = 6;
const SIGNATURE_LENGTH = 64;
const MAX_CODE_LENGTH = 200;
const SYNC_BATCH = 200;
const DB_NAME = 'entrada-scan';
const QUEUE = 'queue';

class Malformed extends Error {}

/** Strict base32, as the server decodes it: one spelling per byte string. */
export function base32Decode(text) {
  const out = [];
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i += 1) {
    const value = ALPHABET.indexOf(text[i]);
    if (value < 0) throw new Malformed('not base32');
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  if (bits >= 5 || (buffer & ((1 << bits) - 1)) !== 0) throw new Malformed('not canonical');
  return new Uint8Array(out);
}

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Reads a code without checking its signature; throws Malformed. */
export function parseCode(code) {
  const text = String(code || '').trim();
  if (!text || text.length > MAX_CODE_LENGTH) throw new Malformed('length');
  const all = base32Decode(text);
  if (all.length < BODY_LENGTH + SIGNATURE_LENGTH) throw new Malformed('short');
  const version = all[0] >> 4;
  const flags = all[0] & 0x0f;
  if (version !== 1) throw new Malformed('version');
  const windowed = (flags & 1) !== 0;
  const bodyLength = BODY_LENGTH + (windowed ? WINDOW_LENGTH : 0);
  if (all.length !== bodyLength + SIGNATURE_LENGTH || (flags & ~1) !== 0) throw new Malformed('length for flags');
  const view = new DataView(all.buffer);
  const id = hex(all.subarray(3, 19));
  const claims = {
    keyId: view.getUint16(1).toString(16).toUpperCase().padStart(4, '0'),
    ticketId: `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`,
    eventRef: view.getUint32(19),
    typeRef: view.getUint16(23),
    validFrom: null,
    validUntil: null,
  };
  if (windowed) {
    const from = view.getUint32(25);
    claims.validFrom = from * 60000;
    claims.validUntil = (from + view.getUint16(29)) * 60000;
  }
  return { claims, signed: all.slice(0, bodyLength), signature: all.slice(bodyLength) };
}

async function sha256(text) {
  return new DataView(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

function base64Bytes(text) {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

function request(idbRequest) {
  return new Promise((resolve, reject) => {
    idbRequest.onsuccess = () => resolve(idbRequest.result);
    idbRequest.onerror = () => reject(idbRequest.error);
  });
}

let dbPromise = null;
function db() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const open = indexedDB.open(DB_NAME, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(QUEUE, { keyPath: 'nonce' });
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
  }
  return dbPromise;
}

async function store(mode) {
  return (await db()).transaction(QUEUE, mode).objectStore(QUEUE);
}

/** Scans made offline, oldest first, waiting for the server. */
export async function queuedScans() {
  const all = await request((await store('readonly')).getAll());
  return all.sort((a, b) => a.seq - b.seq);
}

export async function queuedCount() {
  try {
    return await request((await store('readonly')).count());
  } catch {
    return 0;
  }
}

async function enqueue(scan) {
  await request((await store('readwrite')).put(scan));
}

async function dequeue(nonces) {
  const queue = await store('readwrite');
  await Promise.all(nonces.map((nonce) => request(queue.delete(nonce))));
}

/**
 * One device's offline brain for one event at a time. `remember` keeps what this device saw online
 * too, so a second scan of the same person offline is amber, not green.
 */
export class OfflineDoor {
  constructor(deviceId) {
    this.deviceId = deviceId;
    this.pack = null;
    this.keys = new Map();
    this.eventRef = null;
    this.typeByRef = new Map();
    this.tickets = new Map();
    this.revoked = new Set();
    this.latest = null;
  }

  ready(eventId) {
    return Boolean(this.pack && this.pack.eventId === eventId && this.keys.size > 0);
  }

  /** Downloads the pack (keeping the last good one in localStorage) and prepares keys and references. */
  async load(eventId, fetchJson) {
    const storageKey = `entrada.scan.pack.${eventId}`;
    const attempt = {};
    this.latest = attempt;
    let pack = null;
    const res = await fetchJson(`/api/checkins/offline-pack?eventId=${encodeURIComponent(eventId)}&deviceId=${encodeURIComponent(this.deviceId)}`);
    if (res.ok && res.body && Array.isArray(res.body.keys)) {
      pack = res.body;
      try {
        localStorage.setItem(storageKey, JSON.stringify(pack));
      } catch {
        // storage full or disabled: the pack still works until the page is closed
      }
    } else {
      try {
        pack = JSON.parse(localStorage.getItem(storageKey) || 'null');
      } catch {
        pack = null;
      }
    }
    const reachable = res.status !== 0 && res.status < 502;
    const unauthorized = res.status === 401;
    const fresh = res.ok;
    if (!pack) return { loaded: false, online: reachable, unauthorized, fresh };
    const keys = new Map();
    for (const key of pack.keys) {
      try {
        keys.set(key.keyId, await crypto.subtle.importKey('spki', base64Bytes(key.publicKey), { name: 'Ed25519' }, false, ['verify']));
      } catch {
        // a browser without Ed25519 in WebCrypto cannot decide offline
      }
    }
    const eventRef = (await sha256(pack.eventId)).getUint32(0);
    const typeByRef = new Map();
    for (const type of pack.ticketTypes || []) typeByRef.set((await sha256(type)).getUint16(0), type);
    // Staff may have switched events meanwhile: only the latest load counts.
    if (this.latest !== attempt) return { loaded: false, online: reachable, unauthorized, fresh };
    this.keys = keys;
    this.eventRef = eventRef;
    this.typeByRef = typeByRef;
    this.tickets = new Map((pack.tickets || []).map((ticket) => [ticket.ticketId, ticket]));
    this.revoked = new Set(pack.revoked || []);
    this.pack = pack;
    return { loaded: this.ready(eventId), online: reachable, unauthorized, fresh };
  }

  checkpoint(checkpointId) {
    return (this.pack.checkpoints || []).find((c) => c.checkpointId === checkpointId) || null;
  }

  localState() {
    try {
      return JSON.parse(localStorage.getItem(`entrada.scan.local.${this.pack.eventId}`) || '{}');
    } catch {
      return {};
    }
  }

  saveLocalState(state) {
    try {
      localStorage.setItem(`entrada.scan.local.${this.pack.eventId}`, JSON.stringify(state));
    } catch {
      // best effort
    }
  }

  static scopeOf(checkpoint) {
    return checkpoint && checkpoint.kind === 'SESSION' ? `SESSION:${checkpoint.checkpointId}` : 'EVENT';
  }

  /** Keeps an online verdict in the local record of who is inside. */
  remember(checkpointId, direction, body) {
    if (!this.pack || !body || !body.ticketId) return;
    const checkpoint = this.checkpoint(checkpointId);
    const scope = OfflineDoor.scopeOf(checkpoint);
    const state = this.localState();
    const inScope = state[scope] || (state[scope] = {});
    if (body.verdict === 'ADMITTED') {
      inScope[body.ticketId] = { inside: true, at: new Date().toISOString(), checkpointId, deviceId: this.deviceId };
    } else if (body.verdict === 'CHECKED_OUT' || body.verdict === 'NOT_INSIDE') {
      if (inScope[body.ticketId]) inScope[body.ticketId].inside = false;
    } else if (body.verdict === 'ALREADY_CHECKED_IN' && body.firstCheckIn) {
      inScope[body.ticketId] = { inside: true, ...body.firstCheckIn };
    } else {
      return;
    }
    this.saveLocalState(state);
  }

  attendee(ticketId, claims) {
    const ticket = this.tickets.get(ticketId);
    const ticketType = (ticket && ticket.ticketType) || this.typeByRef.get(claims.typeRef);
    if (!ticket || !ticket.name) return ticketType ? { ticketType } : undefined;
    return { name: ticket.name, organization: ticket.organization || undefined, ticketType };
  }

  /** The same checks as the server's CheckInDecider, in the same order, against the pack. */
  async decide(code, checkpointId, direction, now = Date.now()) {
    let parsed;
    try {
      parsed = parseCode(code);
    } catch {
      return { verdict: 'REJECTED', reason: 'MALFORMED' };
    }
    const { claims } = parsed;
    const key = this.keys.get(claims.keyId);
    if (!key) return { verdict: 'REJECTED', reason: 'UNKNOWN_KEY' };
    let valid = false;
    try {
      valid = await crypto.subtle.verify({ name: 'Ed25519' }, key, parsed.signature, parsed.signed);
    } catch {
      valid = false;
    }
    if (!valid) return { verdict: 'REJECTED', reason: 'INVALID_SIGNATURE' };
    const ticketId = claims.ticketId;
    const attendee = this.attendee(ticketId, claims);
    const rejected = (reason) => ({ verdict: 'REJECTED', reason, ticketId, attendee });
    if (claims.eventRef !== this.eventRef) return rejected('WRONG_EVENT');
    if (claims.validFrom !== null && (now < claims.validFrom || now >= claims.validUntil)) return rejected('OUTSIDE_WINDOW');
    if (this.revoked.has(ticketId)) return rejected('REVOKED');
    const checkpoint = this.checkpoint(checkpointId);
    const scope = OfflineDoor.scopeOf(checkpoint);
    const state = this.localState();
    const inScope = state[scope] || (state[scope] = {});
    const known = inScope[ticketId];
    if (direction === 'OUT') {
      // Someone let in by another device is not known here: the exit is recorded and the server decides.
      inScope[ticketId] = { ...(known || { at: new Date(now).toISOString(), checkpointId, deviceId: this.deviceId }), inside: false };
      this.saveLocalState(state);
      return { verdict: 'CHECKED_OUT', ticketId, attendee };
    }
    if (checkpoint && checkpoint.kind === 'SESSION' && checkpoint.sessionId) {
      const ticket = this.tickets.get(ticketId);
      if (ticket && Array.isArray(ticket.sessions) && !ticket.sessions.includes(checkpoint.sessionId)) return rejected('WRONG_CHECKPOINT');
    }
    if (known && known.inside) {
      return { verdict: 'ALREADY_CHECKED_IN', ticketId, attendee,
        firstCheckIn: { at: known.at, checkpointId: known.checkpointId, deviceId: known.deviceId } };
    }
    inScope[ticketId] = { inside: true, at: new Date(now).toISOString(), checkpointId, deviceId: this.deviceId };
    this.saveLocalState(state);
    return { verdict: 'ADMITTED', ticketId, attendee };
  }

  /** Queues a scan decided offline, with the device's time and what the device showed. */
  async queue(scan) {
    await enqueue({ ...scan, seq: Date.now() + Math.random() });
  }

  /**
   * Uploads the queue in batches. Resolves to {sent, results, reachable}; results carry the server's
   * verdict per nonce (conflict: true where two devices admitted one ticket).
   */
  async sync(fetchJson) {
    const pending = await queuedScans();
    const results = [];
    for (let i = 0; i < pending.length; i += SYNC_BATCH) {
      const batch = pending.slice(i, i + SYNC_BATCH);
      const res = await fetchJson('/api/checkins/sync', { json: {
        deviceId: this.deviceId,
        scans: batch.map(({ code, checkpointId, eventId, nonce, scannedAt, direction, offlineVerdict }) =>
          ({ code, checkpointId, eventId, nonce, scannedAt, direction, offlineVerdict })),
      } });
      if (!res.ok || !res.body || !Array.isArray(res.body.results)) {
        return { sent: results.length, results, reachable: res.status !== 0 && res.status < 500,
          unauthorized: res.status === 401 };
      }
      results.push(...res.body.results);
      await dequeue(batch.map((scan) => scan.nonce));
    }
    return { sent: results.length, results, reachable: true };
  }
}
