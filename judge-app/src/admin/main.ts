import { mount } from 'svelte';
import './admin.css';
import App from './App.svelte';
import { ConsoleApp } from './state/console.svelte';

const app = new ConsoleApp();
app.start();
mount(App, { target: document.getElementById('app')!, props: { app } });
