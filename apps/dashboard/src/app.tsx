import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, can, loadPrincipal, login, logout, needsLogin, principal, trouble } from './api';
import { nina } from './nina';
import { AllskyPanel } from './panels/allsky';
import { ArchivePanel } from './panels/archive';
import { AutomationPanel } from './panels/automation';
import { EquipmentPanel } from './panels/equipment';
import { EventsPanel } from './panels/events';
import { SystemPanel } from './panels/system';
import { allskySocket, equipmentSocket, seedEquipmentEvents, socketStates } from './sockets';
import { useSignal } from './store';

const PANELS: { id: string; title: string; component: ComponentType }[] = [
  { id: 'allsky', title: 'Allsky', component: AllskyPanel },
  { id: 'equipment', title: 'Equipment', component: EquipmentPanel },
  { id: 'automation', title: 'Automation', component: AutomationPanel },
  { id: 'archive', title: 'Archive', component: ArchivePanel },
  { id: 'events', title: 'Events', component: EventsPanel },
  { id: 'system', title: 'System', component: SystemPanel },
];

const THEME_KEY = 'skygate.theme';
type Theme = 'day' | 'night';

function currentPanel(): string {
  const id = location.hash.slice(1);
  return PANELS.some((p) => p.id === id) ? id : PANELS[0].id;
}

function LoginForm() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError((await login(username, password)) ?? '');
    setBusy(false);
  };
  return (
    <main class="login">
      <form onSubmit={submit} aria-label="Sign in">
        <h1>Skygate</h1>
        <p class="muted">Sign in to see the observatory.</p>
        <label>
          User name
          <input name="username" autocomplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        </label>
        <label>
          Password
          <input name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        {error && (
          <p class="note error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

function ConnectionPill() {
  const states = useSignal(socketStates);
  const problem = useSignal(trouble);
  const values = Object.values(states);
  const live = values.length > 0 && values.every((s) => s === 'open');
  const offline = problem?.kind === 'offline' || values.some((s) => s === 'closed');
  const text = offline ? 'reconnecting' : live ? 'live' : 'connecting';
  return (
    <span class={`pill ${offline ? 'bad' : live ? 'good' : ''}`} role="status" aria-label={`Connection: ${text}`} data-connection={text}>
      {text}
    </span>
  );
}

export function App() {
  const me = useSignal(principal);
  const askLogin = useSignal(needsLogin);
  const problem = useSignal(trouble);
  const [panel, setPanel] = useState(currentPanel);
  const [theme, setTheme] = useState<Theme>(() => (localStorage.getItem(THEME_KEY) === 'night' ? 'night' : 'day'));

  useEffect(() => {
    void loadPrincipal();
    const onHash = () => setPanel(currentPanel());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem(THEME_KEY, theme);
  }, [theme]);

  // Sockets follow the session: (re)opened with the current token, closed when signed out.
  useEffect(() => {
    if (!me) return;
    if (can('equipment', 'read')) void nina<Parameters<typeof seedEquipmentEvents>[0]>(api.GET('/v2/api/event-history')).then(seedEquipmentEvents, () => undefined);
    equipmentSocket.start();
    allskySocket.start();
    return () => {
      equipmentSocket.stop();
      allskySocket.stop();
    };
  }, [me]);

  if (!me) {
    return askLogin ? (
      <>
        {problem && problem.kind !== 'offline' && (
          <p class="banner" role="alert">
            {problem.message}
          </p>
        )}
        <LoginForm />
      </>
    ) : (
      <main class="login">
        <p class="muted">{problem?.kind === 'offline' ? problem.message : 'Connecting to Skygate…'}</p>
      </main>
    );
  }

  const Current = PANELS.find((p) => p.id === panel)!.component;
  return (
    <>
      <header>
        <h1>Skygate</h1>
        <ConnectionPill />
        <span class="spacer" />
        <button type="button" class="ghost" aria-label="Red night mode" aria-pressed={theme === 'night'} onClick={() => setTheme(theme === 'night' ? 'day' : 'night')}>
          {theme === 'night' ? 'Night mode: on' : 'Night mode'}
        </button>
        <span class="user">{me.username ?? 'this machine'}</span>
        {me.via === 'jwt' && (
          <button type="button" class="ghost" aria-label="Sign out" onClick={logout}>
            Sign out
          </button>
        )}
      </header>
      <nav aria-label="Panels">
        {PANELS.map((p) => (
          <a key={p.id} href={`#${p.id}`} aria-current={p.id === panel ? 'page' : undefined}>
            {p.title}
          </a>
        ))}
      </nav>
      {problem && (
        <p class="banner" role="alert">
          {problem.message}
        </p>
      )}
      <main id={`panel-${panel}`} data-panel={panel}>
        <Current key={panel} />
      </main>
    </>
  );
}
