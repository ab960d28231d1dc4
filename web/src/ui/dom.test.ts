import { describe, expect, it } from 'vitest';
import { hueOf, initials } from './dom';
import { levelOf, loadPreferences, pickDevice, savePreferences } from '../media/devices';

describe('initials', () => {
  it('takes the first letters of the first and last words', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('grace')).toBe('G');
    expect(initials('  Jean  Luc Picard ')).toBe('JP');
    expect(initials('Émile Zola')).toBe('ÉZ');
    expect(initials('')).toBe('?');
  });
  it('gives a name a stable hue', () => {
    expect(hueOf('Ada')).toBe(hueOf('Ada'));
    expect(hueOf('Ada')).toBeGreaterThanOrEqual(0);
    expect(hueOf('Ada')).toBeLessThan(360);
  });
});

describe('device preferences', () => {
  it('remembers the choice and ignores what is not one', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    savePreferences({ videoDeviceId: 'cam-2', audioDeviceId: 'mic-1' }, storage);
    expect(loadPreferences(storage)).toEqual({ videoDeviceId: 'cam-2', audioDeviceId: 'mic-1' });
    store.set('parley.devices', '{"videoDeviceId": 3, "audioOutputId": "spk"}');
    expect(loadPreferences(storage)).toEqual({ audioOutputId: 'spk' });
    store.set('parley.devices', 'not json');
    expect(loadPreferences(storage)).toEqual({});
  });
  it('falls back to the first device when the remembered one is gone', () => {
    const devices = [{ deviceId: 'a' }, { deviceId: 'b' }];
    expect(pickDevice(devices, 'b')).toBe('b');
    expect(pickDevice(devices, 'gone')).toBe('a');
    expect(pickDevice([], 'b')).toBeUndefined();
  });
  it('maps silence to 0 and a full-scale signal to 1', () => {
    expect(levelOf(new Float32Array(128))).toBe(0);
    expect(levelOf(new Float32Array(128).fill(1))).toBe(1);
    const quiet = levelOf(new Float32Array(128).fill(0.01));
    expect(quiet).toBeGreaterThan(0.2);
    expect(quiet).toBeLessThan(0.5);
  });
});
