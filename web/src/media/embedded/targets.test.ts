import { describe, expect, it } from 'vitest';
import { SignalingTargets } from './targets';

const HOME = 'wss://parley.example/rtc';
const A = 'wss://node-a.example/rtc';
const B = 'wss://node-b.example/rtc';

describe('SignalingTargets', () => {
  it('starts at the node the join named, or at home', () => {
    expect(new SignalingTargets(HOME, A).current).toBe(A);
    expect(new SignalingTargets(HOME).current).toBe(HOME);
    expect(new SignalingTargets(HOME, 'javascript:alert(1)').current).toBe(HOME);
  });

  it('follows a redirect, and one without a URL goes home', () => {
    const targets = new SignalingTargets(HOME);
    targets.redirect(B);
    expect(targets.current).toBe(B);
    targets.redirect(undefined);
    expect(targets.current).toBe(HOME);
    targets.redirect('https://not-a-socket.example/');
    expect(targets.current).toBe(HOME);
  });

  it('after a failure cycles through home and every live node', () => {
    const targets = new SignalingTargets(HOME, A);
    targets.learn([A, B, 42]);
    expect(targets.moveOn()).toBe(B);
    expect(targets.moveOn()).toBe(HOME);
    expect(targets.moveOn()).toBe(A);
  });

  it('from a node it no longer lists, goes home first', () => {
    const targets = new SignalingTargets(HOME, 'wss://gone.example/rtc');
    targets.learn([A, B]);
    expect(targets.moveOn()).toBe(HOME);
    expect(targets.moveOn()).toBe(A);
  });

  it('from an HTTPS page accepts only wss: URLs, so the token never travels in clear', () => {
    const targets = new SignalingTargets(HOME, 'ws://node-a.example/rtc');
    expect(targets.current).toBe(HOME);
    targets.redirect('ws://node-b.example/rtc');
    expect(targets.current).toBe(HOME);
    targets.learn(['ws://node-a.example/rtc', B]);
    expect(targets.moveOn()).toBe(B);
    expect(new SignalingTargets('ws://127.0.0.1:8080/rtc', 'ws://127.0.0.1:8081/rtc').current)
      .toBe('ws://127.0.0.1:8081/rtc');
  });

  it('with no nodes known keeps trying home', () => {
    const targets = new SignalingTargets(HOME);
    expect(targets.moveOn()).toBe(HOME);
    expect(targets.moveOn()).toBe(HOME);
  });
});
