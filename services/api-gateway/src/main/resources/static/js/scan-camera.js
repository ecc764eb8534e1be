// Camera scanning. Where the browser has BarcodeDetector (Android, macOS) frames are read in the page;
// elsewhere (Chromium on Linux and Windows, iOS Safari) a few frames a second are sent as small JPEGs
// to /api/checkins/decode, which reads them with ZXing.

const FRAME_INTERVAL_MS = 250;
const SERVER_FRAME_WIDTH = 640;
const REPEAT_SUPPRESS_MS = 2500;

async function nativeDetector() {
  if (!('BarcodeDetector' in window)) return null;
  try {
    const formats = await window.BarcodeDetector.getSupportedFormats();
    return formats.includes('qr_code') ? new window.BarcodeDetector({ formats: ['qr_code'] }) : null;
  } catch {
    return null;
  }
}

/**
 * Starts the camera into `video` and calls onCode(text) for each QR code seen (the same text again
 * only after a pause, so one badge held up is one scan). onState(state) reports 'starting', 'native',
 * 'server', 'error' or 'stopped'.
 */
export class Camera {
  constructor(video, onCode, onState) {
    this.video = video;
    this.onCode = onCode;
    this.onState = onState;
    this.stream = null;
    this.timer = null;
    this.busy = false;
    this.last = { text: null, at: 0 };
    this.canvas = document.createElement('canvas');
  }

  get running() {
    return this.stream !== null;
  }

  async start() {
    this.onState('starting');
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch {
      this.stream = null;
      this.onState('error');
      return;
    }
    this.video.srcObject = this.stream;
    this.video.muted = true;
    this.video.setAttribute('playsinline', '');
    try {
      await this.video.play();
    } catch {
      // autoplay of a muted camera stream is allowed; a refusal just delays the first frame
    }
    const detector = await nativeDetector();
    this.onState(detector ? 'native' : 'server');
    const read = detector ? () => this.readNative(detector) : () => this.readOnServer();
    this.timer = setInterval(() => {
      if (this.busy || this.video.readyState < 2) return;
      this.busy = true;
      read().finally(() => {
        this.busy = false;
      });
    }, FRAME_INTERVAL_MS);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    if (this.stream) this.stream.getTracks().forEach((track) => track.stop());
    this.stream = null;
    this.video.srcObject = null;
    this.onState('stopped');
  }

  seen(text) {
    const now = Date.now();
    if (!text || (text === this.last.text && now - this.last.at < REPEAT_SUPPRESS_MS)) {
      if (text) this.last.at = now;
      return;
    }
    this.last = { text, at: now };
    this.onCode(text);
  }

  async readNative(detector) {
    try {
      const codes = await detector.detect(this.video);
      if (codes.length > 0) this.seen(codes[0].rawValue);
    } catch {
      // a frame that could not be read
    }
  }

  async readOnServer() {
    const width = Math.min(SERVER_FRAME_WIDTH, this.video.videoWidth || SERVER_FRAME_WIDTH);
    const height = Math.round(width * ((this.video.videoHeight || 480) / (this.video.videoWidth || 640)));
    this.canvas.width = width;
    this.canvas.height = height;
    this.canvas.getContext('2d').drawImage(this.video, 0, 0, width, height);
    const blob = await new Promise((resolve) => this.canvas.toBlob(resolve, 'image/jpeg', 0.85));
    if (!blob) return;
    try {
      const response = await fetch('/api/checkins/decode', { method: 'POST', headers: { 'Content-Type': 'image/jpeg' }, body: blob });
      if (!response.ok) return;
      const body = await response.json();
      if (body && typeof body.text === 'string') this.seen(body.text);
    } catch {
      // offline: the camera needs BarcodeDetector then; the handheld scanner and the code field still work
    }
  }
}
