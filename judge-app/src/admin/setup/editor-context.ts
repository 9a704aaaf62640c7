import { getContext, setContext } from 'svelte';
import type { ContestEditor } from './contest-editor.svelte';

const KEY = Symbol('contest-editor');

export function provideEditor(editor: ContestEditor): void {
  setContext(KEY, editor);
}

export function useEditor(): ContestEditor {
  return getContext<ContestEditor>(KEY);
}
