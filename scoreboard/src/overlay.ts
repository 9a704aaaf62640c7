import { mount } from 'svelte';
import Overlay from './components/overlay/Overlay.svelte';
import './overlay.css';

mount(Overlay, { target: document.getElementById('app')! });
