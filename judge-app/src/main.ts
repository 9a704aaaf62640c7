import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { JudgeApp } from './lib/app.svelte';
import { registerServiceWorker } from './lib/service-worker';

const app = new JudgeApp();
registerServiceWorker();
void app.start().then(() => {
  mount(App, { target: document.getElementById('app')!, props: { app } });
});
