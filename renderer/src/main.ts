import { mount } from 'svelte';
import App from './App.svelte';
import { connectClient } from './lib/client/connect-client.ts';
import './app.css';

const app = mount(App, { target: document.getElementById('app')!, props: { client: connectClient(window) } });

export default app;
