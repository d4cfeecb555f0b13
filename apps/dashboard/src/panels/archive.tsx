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

function Datasets() {
  const { data } = usePoll(async () => items<Dataset>((await api.GET('/datasets', { params: { query: { page: 1 } } })).data), 60_000);
  return (
    <Card title="Recent datasets">
      {!data?.length ? (
        <p class="muted">No datasets.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Files</th>
            </tr>
          </thead>
          <tbody>
            {data.slice(0, 20).map((d) => (
              <tr key={d.uuid}>
                <td>{d.name}</td>
                <td>{d.data_files_count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function Files() {
  const { data } = usePoll(async () => items<DataFile>((await api.GET('/datafiles', { params: { query: { page: 1 } } })).data), 60_000);
  return (
    <Card title="Recent files" wide>
      {!data?.length ? (
        <p class="muted">No files.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Format</th>
              <th scope="col">Size</th>
              <th scope="col">Header</th>
            </tr>
          </thead>
          <tbody>
            {data.slice(0, 20).map((f) => (
              <tr key={f.id}>
                <td class="path">{f.file_name}</td>
                <td>{f.format}</td>
                <td>{bytes(f.size)}</td>
                <td>{f.header_status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
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
