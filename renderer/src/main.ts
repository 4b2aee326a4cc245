import { mount } from 'svelte';
import App from './App.svelte';
import { connectClient } from './lib/client/connect-client.ts';
import { provideAppClient } from './lib/components/doctor/app-client.ts';
import './app.css';

const client = connectClient(window);
provideAppClient(client);
const app = mount(App, { target: document.getElementById('app')!, props: { client } });

export default app;
