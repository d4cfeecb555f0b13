import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { components } from '@app/sdk';
import { api, can } from '../api';
import { ActionButton, Card, usePoll } from '../ui';

type Line = components['schemas']['GpioLineDto'];
const PWM_MAX = 65535;

async function writeDigital(pin: number, on: boolean): Promise<string | undefined> {
  const { response } = await api.POST('/gpio/digital', { body: { pin: String(pin), state: on ? 'on' : 'off' } });
  return response.ok ? undefined : `GPIO ${pin}: failed (${response.status})`;
}

function PwmSlider({ pin, line, onDone }: { pin: number; line: Line; onDone: () => void }) {
  const [duty, setDuty] = useState(line.duty ?? 0);
  const commit = async (value: number) => {
    await api.POST('/gpio/pwm', { body: { pin: String(pin), duty: value, frequency: line.frequency ?? 1000 } });
    onDone();
  };
  return (
    <label class="slider">
      <span>Duty {Math.round((duty / PWM_MAX) * 100)} %</span>
      <input type="range" min="0" max={PWM_MAX} step="655" value={duty} aria-label={`PWM duty of GPIO ${pin}`} onInput={(e) => setDuty(Number(e.currentTarget.value))} onChange={(e) => void commit(Number(e.currentTarget.value))} />
    </label>
  );
}

function GpioLine({ pin, line, allowed, reload }: { pin: number; line: Line; allowed: boolean; reload: () => void }) {
  const on = line.value === 'on';
  return (
    <li class="gpio-line" data-pin={pin}>
      <span class="pin">GPIO {pin}</span>
      <span class="mode">{line.mode}</span>
      {line.mode === 'digital-output' &&
        (allowed ? (
          <label class="switch">
            <input
              type="checkbox"
              role="switch"
              checked={on}
              aria-label={`GPIO ${pin} output`}
              onChange={async (e) => {
                await writeDigital(pin, e.currentTarget.checked);
                reload();
              }}
            />
            <span>{on ? 'on' : 'off'}</span>
          </label>
        ) : (
          <span class={on ? 'badge ok' : 'badge off'}>{on ? 'on' : 'off'}</span>
        ))}
      {line.mode === 'digital-input' && <span class={on ? 'badge ok' : 'badge off'}>{line.value}</span>}
      {line.mode === 'pwm' && (allowed ? <PwmSlider pin={pin} line={line} onDone={reload} /> : <span>{Math.round(((line.duty ?? 0) / PWM_MAX) * 100)} %</span>)}
    </li>
  );
}

/** The Allsky Server's /gpio routes: lines in use, with toggles and PWM sliders; an unused line can be made an output. */
function GpioCard() {
  const { data: lines, reload } = usePoll(async () => (await api.GET('/gpio/all')).data, 10_000, (e) => e.name === 'gpio.pin-changed');
  const allowed = can('gpio', 'update');
  const [newPin, setNewPin] = useState('');
  const entries = Object.entries(lines ?? {}).map(([label, line]) => [Number(label.slice(1)), line] as const);
  const used = entries.filter(([, line]) => line.mode !== 'unused');
  const unused = entries.filter(([, line]) => line.mode === 'unused');
  return (
    <Card title="GPIO" wide>
      {used.length === 0 ? <p class="muted">No GPIO line is in use.</p> : <ul class="gpio">{used.map(([pin, line]) => <GpioLine key={pin} pin={pin} line={line} allowed={allowed} reload={reload} />)}</ul>}
      {allowed && unused.length > 0 && (
        <div class="inline-form">
          <label>
            Unused line
            <select value={newPin} onChange={(e) => setNewPin(e.currentTarget.value)}>
              <option value="">choose…</option>
              {unused.map(([pin]) => (
                <option key={pin} value={String(pin)}>
                  GPIO {pin}
                </option>
              ))}
            </select>
          </label>
          <ActionButton
            label="Make output (off)"
            disabled={newPin === ''}
            action={async () => {
              const failure = await writeDigital(Number(newPin), false);
              setNewPin('');
              reload();
              return failure;
            }}
          />
        </div>
      )}
    </Card>
  );
}

/**
 * A section whose code is loaded when the panel first shows it (a separate chunk), so the Daemon
 * graphs and the Sequencer tree add nothing to the first view's bytes.
 */
function lazySection(load: () => Promise<ComponentType>): ComponentType {
  let loaded: ComponentType | undefined;
  return function LazySection() {
    const [Section, setSection] = useState<ComponentType | undefined>(() => loaded);
    useEffect(() => {
      if (loaded) return;
      let current = true;
      void load().then((component) => {
        loaded = component;
        if (current) setSection(() => component);
      });
      return () => {
        current = false;
      };
    }, []);
    return Section ? <Section /> : null;
  };
}

/**
 * The Automation panel's sections: GPIO (Allsky Server routes), the Daemon's sensor graphs and
 * PID controllers (Mycodo routes under /api), the Sequencer's tree (N.I.N.A.'s sequence routes).
 * Each section shows nothing to a user who may not read its resource.
 */
export const AUTOMATION_SECTIONS: { id: string; component: ComponentType }[] = [
  { id: 'gpio', component: GpioCard },
  { id: 'sequence', component: lazySection(async () => (await import('./sequence')).SequenceSection) },
  { id: 'daemon', component: lazySection(async () => (await import('./daemon')).DaemonSection) },
];

export function AutomationPanel() {
  return (
    <div class="grid">
      {AUTOMATION_SECTIONS.map(({ id, component: Section }) => (
        <Section key={id} />
      ))}
    </div>
  );
}
