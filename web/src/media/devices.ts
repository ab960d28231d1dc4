/**
 * Camera, microphone and speaker choice for the lobby's pre-call check: the choice is remembered in localStorage (a
 * device id is only meaningful to this browser profile), and a microphone's level is measured with Web Audio.
 */

export type DevicePreferences = { videoDeviceId?: string; audioDeviceId?: string; audioOutputId?: string };

const KEY = 'parley.devices';

export function loadPreferences(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): DevicePreferences {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) {
      return {};
    }
    const result: DevicePreferences = {};
    for (const field of ['videoDeviceId', 'audioDeviceId', 'audioOutputId'] as const) {
      const value = (parsed as Record<string, unknown>)[field];
      if (typeof value === 'string' && value !== '') {
        result[field] = value;
      }
    }
    return result;
  } catch {
    return {};
  }
}

export function savePreferences(preferences: DevicePreferences,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(KEY, JSON.stringify(preferences));
  } catch {
    // private mode or storage full: the choice lasts for this visit only
  }
}

/** The preferred device if it is still there, else the first (the browser's default). */
export function pickDevice(devices: readonly { deviceId: string }[], preferred: string | undefined): string | undefined {
  return devices.find((d) => d.deviceId === preferred)?.deviceId ?? devices[0]?.deviceId;
}

/** The level of a block of samples (-1..1) as 0..1, on a scale that makes speech move most of the bar. */
export function levelOf(samples: Float32Array): number {
  if (samples.length === 0) {
    return 0;
  }
  let sum = 0;
  for (const sample of samples) {
    sum += sample * sample;
  }
  const rms = Math.sqrt(sum / samples.length);
  // -60 dBFS .. 0 dBFS onto 0..1
  const db = 20 * Math.log10(Math.max(rms, 1e-6));
  return Math.min(1, Math.max(0, (db + 60) / 60));
}

/** Measures a microphone track's level about 20 times a second; returns a function that stops. */
export function watchLevel(stream: MediaStream, onLevel: (level: number) => void): () => void {
  const AudioContextClass = globalThis.AudioContext;
  if (!AudioContextClass || stream.getAudioTracks().length === 0) {
    return () => {};
  }
  const context = new AudioContextClass();
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  // Browsers may start the context suspended until the page is used; the first click resumes it.
  const resume = () => void context.resume().catch(() => {});
  document.addEventListener('pointerdown', resume, { once: true });
  document.addEventListener('keydown', resume, { once: true });
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    onLevel(levelOf(samples));
  }, 50);
  return () => {
    clearInterval(timer);
    document.removeEventListener('pointerdown', resume);
    document.removeEventListener('keydown', resume);
    source.disconnect();
    void context.close().catch(() => {});
  };
}

/** Plays remote audio through the chosen speaker, where the browser can choose (HTMLMediaElement.setSinkId). */
export function applyAudioOutput(element: HTMLMediaElement, audioOutputId: string | undefined): void {
  const sink = element as HTMLMediaElement & { sinkId?: string; setSinkId?: (id: string) => Promise<void> };
  // Only for a speaker other than the default: switching a playing WebRTC element's sink re-creates its renderer.
  if (audioOutputId && audioOutputId !== 'default' && sink.sinkId !== audioOutputId && typeof sink.setSinkId === 'function') {
    sink.setSinkId(audioOutputId).catch(() => {});
  }
}

export function canChooseAudioOutput(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}
