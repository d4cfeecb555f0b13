import type { ComponentChildren } from 'preact';
import type { components } from '@app/sdk';
import { api } from '../api';
import { bytes, Card, usePoll } from '../ui';

type Telescope = components['schemas']['TelescopeDto'];
type NightLog = components['schemas']['NightLogDto'];
type Dataset = components['schemas']['DatasetDto'];
type DataFile = components['schemas']['DataFileDto'];

/** Arcsecond lists answer a plain array, or `{results}` when asked for a page. */
const items = <T,>(answer: T[] | { results?: T[] } | undefined): T[] => (Array.isArray(answer) ? answer : (answer?.results ?? []));

/** The observing night's date: before noon it is still last night. */
export function nightDate(now = new Date()): string {
  const night = new Date(now.getTime() - 12 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${night.getFullYear()}-${pad(night.getMonth() + 1)}-${pad(night.getDate())}`;
}

function Tonight() {
  const date = nightDate();
  const { data } = usePoll(async () => {
    const [telescopes, logs] = await Promise.all([api.GET('/telescopes'), api.GET('/nightlogs', { params: { query: { date } } })]);
    return { telescopes: items<Telescope>(telescopes.data), logs: items<NightLog>(logs.data) };
  }, 60_000);
  const telescopes = data?.telescopes ?? [];
  return (
    <Card title={`Tonight (${date})`}>
      {telescopes.length === 0 ? (
        <p class="muted">No telescope in the archive.</p>
      ) : (
        <ul class="plain">
          {telescopes.map((t) => {
            const log = data?.logs.find((l) => l.telescope === t.uuid);
            return (
              <li key={t.uuid}>
                <strong>{t.name}</strong> {log ? <span class="badge ok">night log {log.date}</span> : <span class="badge off">no night log yet</span>}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

const SHOWN = 20;

/** The first SHOWN rows of a list as a table, or a note when it is empty. */
function Table<T>({ rows, columns, empty, rowKey }: { rows: T[] | undefined; columns: [string, (row: T) => ComponentChildren][]; empty: string; rowKey: (row: T) => string | number }) {
  if (!rows?.length) return <p class="muted">{empty}</p>;
  return (
    <table>
      <thead>
        <tr>
          {columns.map(([title]) => (
            <th key={title} scope="col">
              {title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.slice(0, SHOWN).map((row) => (
          <tr key={rowKey(row)}>
            {columns.map(([title, cell]) => (
              <td key={title}>{cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Datasets() {
  const { data } = usePoll(async () => items<Dataset>((await api.GET('/datasets', { params: { query: { page: 1 } } })).data), 60_000);
  return (
    <Card title="Recent datasets">
      <Table rows={data} empty="No datasets." rowKey={(d) => d.uuid} columns={[['Name', (d) => d.name], ['Files', (d) => d.data_files_count]]} />
    </Card>
  );
}

function Files() {
  const { data } = usePoll(async () => items<DataFile>((await api.GET('/datafiles', { params: { query: { page: 1 } } })).data), 60_000);
  return (
    <Card title="Recent files" wide>
      <Table
        rows={data}
        empty="No files."
        rowKey={(f) => f.id}
        columns={[
          ['File', (f) => <span class="path">{f.file_name}</span>],
          ['Format', (f) => f.format],
          ['Size', (f) => bytes(f.size)],
          ['Header', (f) => f.header_status],
        ]}
      />
    </Card>
  );
}

/** Archive (Arcsecond routes): tonight's night log per telescope, recent datasets and files. */
export function ArchivePanel() {
  return (
    <div class="grid">
      <Tonight />
      <Datasets />
      <Files />
    </div>
  );
}
