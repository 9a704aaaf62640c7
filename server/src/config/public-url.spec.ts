import { describe, expect, it } from 'vitest';
import type { NetworkInterfaceInfo } from 'node:os';
import type { HttpAdapterHost } from '@nestjs/core';
import { AppConfig, ConfigError } from './config';
import { PublicAddress } from './public-address';
import { isLoopbackHost, lanAddresses, reachableBases } from './public-url';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({ address, family, internal }) as NetworkInterfaceInfo;
const machine = {
  lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
  wlan0: [nic('fe80::1', 'IPv6'), nic('2001:db8::5', 'IPv6'), nic('192.168.1.23', 'IPv4')],
  docker0: [nic('172.17.0.1', 'IPv4')],
};

describe('PUBLIC_URL', () => {
  it('takes an http(s) address and drops the trailing slash', () => {
    expect(new AppConfig({ PUBLIC_URL: 'http://192.0.2.10:3000/' }).publicUrl).toBe('http://192.0.2.10:3000');
    expect(new AppConfig({ PUBLIC_URL: 'https://score.example/contest/' }).publicUrl).toBe('https://score.example/contest');
    expect(new AppConfig({}).publicUrl).toBeUndefined();
  });

  it('allows loopback only because it was written on purpose', () => {
    expect(new AppConfig({ PUBLIC_URL: 'http://127.0.0.1:3000' }).publicUrl).toBe('http://127.0.0.1:3000');
  });

  it('refuses other schemes, queries and credentials, naming the setting', () => {
    for (const bad of ['ftp://x', '192.168.1.2:3000', 'http://a/?x=1', 'http://u:p@host']) {
      expect(() => new AppConfig({ PUBLIC_URL: bad })).toThrow(ConfigError);
      expect(() => new AppConfig({ PUBLIC_URL: bad })).toThrow(/PUBLIC_URL/);
    }
  });
});

describe('LAN addresses', () => {
  it('lists non-internal IPv4 first, never loopback or link-local', () => {
    expect(lanAddresses('::', machine)).toEqual(['192.168.1.23', '172.17.0.1', '2001:db8::5']);
    expect(lanAddresses('0.0.0.0', machine)).toEqual(['192.168.1.23', '172.17.0.1']);
  });

  it('has none on a loopback-bound server and only the bound one otherwise', () => {
    expect(lanAddresses('127.0.0.1', machine)).toEqual([]);
    expect(lanAddresses('localhost', machine)).toEqual([]);
    expect(lanAddresses('192.168.1.23', machine)).toEqual(['192.168.1.23']);
  });

  it('puts PUBLIC_URL first and falls back to the LAN, else null', () => {
    expect(reachableBases(undefined, 'http', '::', 3000, machine).publicUrl).toBe('http://192.168.1.23:3000');
    expect(reachableBases(undefined, 'http', '::', 3000, machine).addresses).toContain('http://[2001:db8::5]:3000');
    expect(reachableBases('https://score.example', 'http', '0.0.0.0', 3000, machine).addresses[0]).toBe('https://score.example');
    expect(reachableBases(undefined, 'http', '127.0.0.1', 3000, machine)).toEqual({ publicUrl: null, addresses: [], configured: false });
    expect(reachableBases('https://score.example', 'http', '127.0.0.1', 3000, machine)).toEqual({ publicUrl: 'https://score.example', addresses: ['https://score.example'], configured: true });
  });

  it('knows loopback hosts', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['192.168.1.2', 'score.example', '10.0.0.1']) expect(isLoopbackHost(h)).toBe(false);
  });
});

describe('the base of printed links', () => {
  const address = (env: Record<string, string>) => new PublicAddress(new AppConfig({ HOST: '127.0.0.1', ...env }), {} as HttpAdapterHost);

  it('is PUBLIC_URL whatever address the request came to', () => {
    expect(address({ PUBLIC_URL: 'https://score.example' }).baseFor('http://127.0.0.1:3000')).toBe('https://score.example');
    expect(address({ PUBLIC_URL: 'https://score.example' }).baseFor('http://192.168.1.5:3000')).toBe('https://score.example');
  });

  it('is the request’s own address when that is not loopback, and loopback only when nothing else exists', () => {
    expect(address({}).baseFor('http://192.168.1.5:3000')).toBe('http://192.168.1.5:3000');
    expect(address({}).baseFor('http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000');
  });
});
