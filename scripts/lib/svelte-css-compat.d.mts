import type { Plugin } from 'vite';

export function svelteCssWithoutWhere(): Plugin;
export const OLDER_DEVICES: string[];
